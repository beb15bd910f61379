<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminPage</name>
    <message>
        <source>Akun admin pertama</source>
        <translation>First admin account</translation>
    </message>
    <message>
        <source>Admin mengelola pegawai, akun pengguna dan pengaturan. Simpan kata sandinya di tempat aman.</source>
        <translation>The admin manages employees, user accounts and settings. Keep the password somewhere safe.</translation>
    </message>
    <message>
        <source>Nama lengkap</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>FlexDesk tidak dapat dibuka</source>
        <translation>FlexDesk cannot open</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>Terjadi kesalahan</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <source>FlexDesk mengalami kesalahan yang tidak terduga. Data yang sudah disimpan aman.</source>
        <translation>FlexDesk hit an unexpected error. Data already saved is safe.</translation>
    </message>
    <message>
        <source>Rincian tercatat di berkas log:
{path}</source>
        <translation>The details are in the log file:
{path}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Pegawai aktif</source>
        <translation>Active employees</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <source>Pegawai yang boleh bekerja fleksibel</source>
        <translation>Employees eligible for flexible work</translation>
    </message>
    <message>
        <source>Akun pengguna</source>
        <translation>User accounts</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <source>Ubah pegawai</source>
        <translation>Edit employee</translation>
    </message>
    <message>
        <source>Tambah pegawai</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <source>PNS</source>
        <translation>PNS (civil servant)</translation>
    </message>
    <message>
        <source>PPPK</source>
        <translation>PPPK (contract ASN)</translation>
    </message>
    <message>
        <source>Non-ASN</source>
        <translation>Non-ASN</translation>
    </message>
    <message>
        <source>18 digit, mis. 19850312 201001 1 003</source>
        <translation>18 digits, e.g. 19850312 201001 1 003</translation>
    </message>
    <message>
        <source>mis. Dr. / drg.</source>
        <translation>e.g. Dr. / drg.</translation>
    </message>
    <message>
        <source>mis. S.Kom., M.Si.</source>
        <translation>e.g. S.Kom., M.Si.</translation>
    </message>
    <message>
        <source>(belum ditentukan)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Boleh bekerja fleksibel (WFH/WFA)</source>
        <translation>May work flexibly (WFH/WFA)</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Jenis pegawai</source>
        <translation>Employee type</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Gelar depan</source>
        <translation>Title before name</translation>
    </message>
    <message>
        <source>Nama *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <source>Gelar belakang</source>
        <translation>Titles after name</translation>
    </message>
    <message>
        <source>Pangkat/golongan</source>
        <translation>Rank/grade</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <source>Atasan langsung</source>
        <translation>Direct supervisor</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>EmployeeTableModel</name>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Pangkat/Gol.</source>
        <translation>Rank/Grade</translation>
    </message>
    <message>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <source>Atasan</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>(non-ASN)</source>
        <translation>(non-ASN)</translation>
    </message>
</context>
<context>
    <name>EmployeesPage</name>
    <message>
        <source>Pegawai</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Cari nama, NIP atau jabatan… (Ctrl+F)</source>
        <translation>Search name, NIP or position… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Tampilkan nonaktif</source>
        <translation>Show inactive</translation>
    </message>
    <message>
        <source>Tambah pegawai</source>
        <translation>Add employee</translation>
    </message>
    <message>
        <source>Tambah pegawai (Ctrl+N)</source>
        <translation>Add employee (Ctrl+N)</translation>
    </message>
    <message>
        <source>Semua unit</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>{n} pegawai</source>
        <translation>{n} employees</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Selamat datang di FlexDesk</source>
        <translation>Welcome to FlexDesk</translation>
    </message>
    <message>
        <source>Lanjut &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <source>&lt; Kembali</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>Bahasa antarmuka</source>
        <extracomment>(title in Indonesian, required action or None, factory); appended to by capabilities</extracomment>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Perubahan bahasa berlaku setelah FlexDesk dibuka ulang.</source>
        <translation>A language change takes effect when FlexDesk is reopened.</translation>
    </message>
    <message>
        <source>A4 (210 × 297 mm)</source>
        <translation>A4 (210 × 297 mm)</translation>
    </message>
    <message>
        <source>F4/Folio (215 × 330 mm)</source>
        <translation>F4/Folio (215 × 330 mm)</translation>
    </message>
    <message>
        <source>Ukuran kertas formulir</source>
        <translation>Form paper size</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Kantor demo — masuk sebagai admin, atasan (mis. wayan) atau pegawai; kata sandi semua akun: {pw}</source>
        <extracomment>Start-up probe for benchmarks and smoke tests. &quot;username:password&quot;: FlexDesk signs in with it (the password is still checked) and quits as soon as the main window is shown, printing the elapsed time. &quot;first-window&quot;: quits as soon as the sign-in dialog is shown. Never set on a real installation.</extracomment>
        <translation>Demo office — sign in as admin, a supervisor (e.g. wayan) or an employee; every account&apos;s password: {pw}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Masuk — FlexDesk</source>
        <translation>Sign in — FlexDesk</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FlexDesk</source>
        <translation>FlexDesk</translation>
    </message>
    <message>
        <source>Pengguna: {name} ({role})</source>
        <translation>User: {name} ({role})</translation>
    </message>
    <message>
        <source>Data: {path}</source>
        <translation>Data: {path}</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <source>Akun baru</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>(tidak terkait pegawai)</source>
        <translation>(not linked to an employee)</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama tampilan</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Kata sandi awal</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Profil kantor</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>Data ini tampil di kop surat formulir dan di paket sinkronisasi. Dapat diubah kemudian di Pengaturan.</source>
        <translation>This appears on the letterhead of forms and in sync bundles. You can change it later in Settings.</translation>
    </message>
    <message>
        <source>mis. O042 (dari kantor pusat)</source>
        <translation>e.g. O042 (from the central office)</translation>
    </message>
    <message>
        <source>mis. Pemerintah Kabupaten Kuningan</source>
        <translation>e.g. Pemerintah Kabupaten Kuningan</translation>
    </message>
    <message>
        <source>mis. Kantor Kecamatan Cigugur</source>
        <translation>e.g. Kantor Kecamatan Cigugur</translation>
    </message>
    <message>
        <source>kota pada baris tanda tangan, mis. Kuningan</source>
        <translation>city on signature lines, e.g. Kuningan</translation>
    </message>
    <message>
        <source>(tanpa logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <source>Pilih logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Unit kerja / kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kota</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Logo kop surat</source>
        <translation>Letterhead logo</translation>
    </message>
    <message>
        <source>Pilih logo</source>
        <translation>Choose logo</translation>
    </message>
    <message>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>OfficeTab</name>
    <message>
        <source>Ganti logo…</source>
        <translation>Change logo…</translation>
    </message>
    <message>
        <source>Kode kantor</source>
        <translation>Office code</translation>
    </message>
    <message>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Unit kerja / kantor</source>
        <translation>Office name</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Kota</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Logo kop surat</source>
        <translation>Letterhead logo</translation>
    </message>
    <message>
        <source>Simpan profil</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <source>(tanpa logo)</source>
        <translation>(no logo)</translation>
    </message>
    <message>
        <source>Pilih logo</source>
        <translation>Choose logo</translation>
    </message>
    <message>
        <source>Gambar (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Profil kantor</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>Profil kantor disimpan.</source>
        <translation>Office profile saved.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Dasbor</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Jadwal</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Perencanaan jadwal kerja fleksibel (WFO/WFH/WFA) dengan aturan kebijakan kantor dan persetujuan atasan.</source>
        <translation>Flexible-work schedule planning (office/home/elsewhere) under the office policy, with supervisor approval.</translation>
    </message>
    <message>
        <source>Log Output</source>
        <translation>Output log</translation>
    </message>
    <message>
        <source>Pencatatan output harian terhadap RHK/SKP dengan bukti dukung dan reviu atasan.</source>
        <translation>Daily output logging against RHK/SKP with evidence and supervisor review.</translation>
    </message>
    <message>
        <source>Evaluasi</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Evaluasi kinerja periodik dan cetak formulir evaluasi (PDF) bertanda tangan.</source>
        <translation>Periodic performance evaluations and printed evaluation forms (PDF) for signing.</translation>
    </message>
    <message>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Ekspor paket sinkronisasi bertanda tangan dan impor tanda terima kantor pusat.</source>
        <translation>Export signed sync bundles and import receipts from the central office.</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>Fitur ini belum tersedia pada versi ini.</source>
        <translation>This feature is not available in this version yet.</translation>
    </message>
</context>
<context>
    <name>ProgressRunner</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Umum</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Profil kantor</source>
        <translation>Office profile</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work units</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
</context>
<context>
    <name>UnitsTab</name>
    <message>
        <source>Tambah unit…</source>
        <translation>Add unit…</translation>
    </message>
    <message>
        <source>Ganti nama…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>{name} — {n} pegawai</source>
        <translation>{name} — {n} employees</translation>
    </message>
    <message>
        <source> (nonaktif)</source>
        <translation> (inactive)</translation>
    </message>
    <message>
        <source>Unit kerja baru</source>
        <translation>New work unit</translation>
    </message>
    <message>
        <source>Nama unit:</source>
        <translation>Unit name:</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work units</translation>
    </message>
    <message>
        <source>Ganti nama unit</source>
        <translation>Rename unit</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Nama pengguna</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Akun baru…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <source>Atur ulang kata sandi…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Ubah peran…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>Nonaktif</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Terkunci</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Atur ulang kata sandi</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>Kata sandi baru untuk {u}:</source>
        <translation>New password for {u}:</translation>
    </message>
    <message>
        <source>Ubah peran</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Peran untuk {u}:</source>
        <translation>Role for {u}:</translation>
    </message>
</context>
</TS>
