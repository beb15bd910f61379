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
<context>
    <name>HistoryModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Rekaman</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>sedang diekspor</source>
        <translation>exporting</translation>
    </message>
    <message>
        <source>gagal/dibatalkan</source>
        <translation>failed/cancelled</translation>
    </message>
    <message>
        <source>terkirim</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>diterima pusat</source>
        <translation>acknowledged</translation>
    </message>
    <message>
        <source>ditolak pusat</source>
        <translation>rejected by central</translation>
    </message>
    <message>
        <source>ada yang hilang</source>
        <translation>gap (changes missing)</translation>
    </message>
    <message>
        <source>Tanda terima {time}</source>
        <translation>Receipt {time}</translation>
    </message>
</context>
<context>
    <name>KeyPanel</name>
    <message>
        <source>Kunci tanda tangan kantor</source>
        <translation>Office signing key</translation>
    </message>
    <message>
        <source>Sidik jari</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Buat kunci…</source>
        <translation>Create key…</translation>
    </message>
    <message>
        <source>Ekspor kunci publik…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <source>Kunci kantor pusat</source>
        <translation>Central office key</translation>
    </message>
    <message>
        <source>Daftarkan kunci pusat…</source>
        <translation>Register central key…</translation>
    </message>
    <message>
        <source>Belum ada kunci</source>
        <translation>No key yet</translation>
    </message>
    <message>
        <source>Buat kunci tanda tangan sekali, lalu bacakan sidik jarinya ke kantor pusat dan kirim kunci publiknya untuk didaftarkan.</source>
        <translation>Create the signing key once, then read its fingerprint out to the central office and send them the public key to register.</translation>
    </message>
    <message>
        <source>Kode kantor {office} · dibuat {date} · {key_id}</source>
        <translation>Office code {office} · created {date} · {key_id}</translation>
    </message>
    <message>
        <source>Terdaftar: {fp}</source>
        <translation>Registered: {fp}</translation>
    </message>
    <message>
        <source>Tanda terima diperiksa dengan kunci ini.</source>
        <translation>Receipts are checked with this key.</translation>
    </message>
    <message>
        <source>Belum terdaftar</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>Tanpa kunci pusat, tanda terima tidak dapat diperiksa.</source>
        <translation>Without the central key, receipts cannot be checked.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Frasa sandi</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Ulangi frasa sandi</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>Lanjutkan</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Masukkan frasa sandi kunci kantor.</source>
        <translation>Enter the office key passphrase.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sinkronisasi</source>
        <extracomment>PBKDF2 iterations for a new key (tests lower it; the default is the documented one)</extracomment>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Paket sinkronisasi berisi semua perubahan sejak tanda terima terakhir dari kantor pusat, ditandatangani dengan kunci kantor. Simpan ke flashdisk atau folder, kirim ke pusat, lalu impor tanda terimanya di sini.</source>
        <translation>A sync bundle holds every change since the last receipt from the central office, signed with the office key. Save it to a USB drive or folder, send it to central, then import the receipt here.</translation>
    </message>
    <message>
        <source>Hanya admin kantor yang dapat mengelola sinkronisasi.</source>
        <translation>Only the office admin can manage sync.</translation>
    </message>
    <message>
        <source>Ekspor paket…</source>
        <translation>Export bundle…</translation>
    </message>
    <message>
        <source>Impor tanda terima…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <source>Riwayat paket</source>
        <translation>Bundle history</translation>
    </message>
    <message>
        <source>Diterima pusat sampai paket {seq} (perubahan {change}).</source>
        <translation>Acknowledged by central up to bundle {seq} (change {change}).</translation>
    </message>
    <message>
        <source>Belum ada tanda terima dari pusat.</source>
        <translation>No receipt from central yet.</translation>
    </message>
    <message>
        <source>{n} perubahan menunggu dikirim; paket berikut nomor {seq}.</source>
        <translation>{n} changes waiting to be sent; the next bundle is number {seq}.</translation>
    </message>
    <message>
        <source>Mengumpulkan perubahan…</source>
        <translation>Collecting changes…</translation>
    </message>
    <message>
        <source>Menulis paket…</source>
        <translation>Writing the bundle…</translation>
    </message>
    <message>
        <source>Membaca ulang dan memeriksa paket…</source>
        <translation>Re-reading and verifying the bundle…</translation>
    </message>
    <message>
        <source>Mengenkripsi paket…</source>
        <translation>Encrypting the bundle…</translation>
    </message>
    <message>
        <source>Mendekripsi paket…</source>
        <translation>Decrypting the bundle…</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Buat kunci tanda tangan</source>
        <translation>Create signing key</translation>
    </message>
    <message>
        <source>Frasa sandi melindungi kunci kantor di komputer ini (minimal 12 karakter; boleh beberapa kata). Catat dan simpan di tempat aman: tanpa frasa sandi, paket tidak dapat diekspor.</source>
        <translation>The passphrase protects the office key on this computer (at least 12 characters; several words are fine). Write it down and keep it safe: without it, no bundle can be exported.</translation>
    </message>
    <message>
        <source>Membuat kunci…</source>
        <translation>Creating the key…</translation>
    </message>
    <message>
        <source>Buat kunci</source>
        <translation>Create key</translation>
    </message>
    <message>
        <source>Kunci dibuat</source>
        <translation>Key created</translation>
    </message>
    <message>
        <source>Kunci tanda tangan kantor dibuat.

Sidik jari: {fp}

Bacakan sidik jari ini ke kantor pusat dan kirim kunci publiknya (Ekspor kunci publik…).</source>
        <translation>The office signing key was created.

Fingerprint: {fp}

Read this fingerprint out to the central office and send them the public key (Export public key…).</translation>
    </message>
    <message>
        <source>Pilih folder untuk kunci publik</source>
        <translation>Choose a folder for the public key</translation>
    </message>
    <message>
        <source>Ekspor kunci publik</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <source>Kunci publik diekspor</source>
        <translation>Public key exported</translation>
    </message>
    <message>
        <source>Ditulis: {ssh} dan {pem}

Sidik jari untuk dibacakan: {fp}</source>
        <translation>Written: {ssh} and {pem}

Fingerprint to read out: {fp}</translation>
    </message>
    <message>
        <source>Pilih kunci publik kantor pusat</source>
        <translation>Choose the central office&apos;s public key</translation>
    </message>
    <message>
        <source>Kunci publik (*.pub *.pem *.txt)</source>
        <translation>Public keys (*.pub *.pem *.txt)</translation>
    </message>
    <message>
        <source>Kunci pusat</source>
        <translation>Central key</translation>
    </message>
    <message>
        <source>Kunci pusat didaftarkan</source>
        <translation>Central key registered</translation>
    </message>
    <message>
        <source>Sidik jari kunci pusat: {fp}

Pastikan sama dengan yang disebutkan kantor pusat; bila tidak, daftarkan ulang kunci yang benar.</source>
        <translation>Central key fingerprint: {fp}

Make sure it is the one the central office told you; if not, register the right key.</translation>
    </message>
    <message>
        <source>Pilih folder atau flashdisk tujuan</source>
        <translation>Choose the destination folder or USB drive</translation>
    </message>
    <message>
        <source>Ekspor paket</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>Paket akan ditulis ke {folder}. Masukkan frasa sandi kunci kantor.</source>
        <translation>The bundle will be written to {folder}. Enter the office key passphrase.</translation>
    </message>
    <message>
        <source>Mengekspor paket…</source>
        <translation>Exporting the bundle…</translation>
    </message>
    <message>
        <source>Paket selesai</source>
        <translation>Bundle ready</translation>
    </message>
    <message>
        <source>Paket {seq} ditulis dan sudah dibaca ulang serta diperiksa.

{records} rekaman, {files} berkas bukti.
Berkas: {name} (dan .envelope.json, .sig) di {folder}

Bawa ketiga berkas ke kantor pusat.</source>
        <translation>Bundle {seq} was written, read back and verified.

{records} records, {files} evidence files.
File: {name} (and .envelope.json, .sig) in {folder}

Take all three files to the central office.</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan</source>
        <translation>Export cancelled</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan; tidak ada berkas yang tertinggal di tujuan.</source>
        <translation>Export cancelled; no files were left at the destination.</translation>
    </message>
    <message>
        <source>Ekspor gagal</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Pilih tanda terima dari kantor pusat</source>
        <translation>Choose a receipt from the central office</translation>
    </message>
    <message>
        <source>Tanda terima (*.receipt.json *.receipt.json.sig *.zip)</source>
        <translation>Receipts (*.receipt.json *.receipt.json.sig *.zip)</translation>
    </message>
    <message>
        <source>Tanda terima ditolak</source>
        <translation>Receipt refused</translation>
    </message>
    <message>
        <source>Paket {seq}: {status}</source>
        <translation>Bundle {seq}: {status}</translation>
    </message>
    <message>
        <source>Tanda terima diimpor</source>
        <translation>Receipt imported</translation>
    </message>
</context>
</TS>
