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
    <name>BatchExportDialog</name>
    <message>
        <source>Ekspor formulir evaluasi</source>
        <translation>Export evaluation forms</translation>
    </message>
    <message>
        <source>{what}: {n} formulir evaluasi.</source>
        <translation>{what}: {n} evaluation forms.</translation>
    </message>
    <message>
        <source>Satu PDF gabungan</source>
        <translation>One combined PDF</translation>
    </message>
    <message>
        <source>Semua formulir dalam satu berkas, nomor halaman per formulir</source>
        <translation>All forms in one file, page numbers per form</translation>
    </message>
    <message>
        <source>Satu berkas PDF per pegawai</source>
        <translation>One PDF file per employee</translation>
    </message>
    <message>
        <source>Setiap formulir ke berkasnya sendiri di satu folder</source>
        <translation>Each form in its own file, in one folder</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Berkas PDF:</source>
        <translation>PDF file:</translation>
    </message>
    <message>
        <source>Folder tujuan:</source>
        <translation>Target folder:</translation>
    </message>
    <message>
        <source>Simpan PDF gabungan</source>
        <translation>Save combined PDF</translation>
    </message>
    <message>
        <source>Pilih folder tujuan</source>
        <translation>Choose the target folder</translation>
    </message>
    <message>
        <source>Pilih berkas atau folder tujuan dulu.</source>
        <translation>Choose the target file or folder first.</translation>
    </message>
    <message>
        <source>{path} adalah folder; tulis nama berkas PDF.</source>
        <translation>{path} is a folder; type a PDF file name.</translation>
    </message>
    <message>
        <source>{path} bukan folder.</source>
        <translation>{path} is not a folder.</translation>
    </message>
    <message>
        <source>Formulir {done} dari {total}</source>
        <translation>Form {done} of {total}</translation>
    </message>
    <message>
        <source>Menyiapkan data formulir…</source>
        <translation>Preparing the form data…</translation>
    </message>
    <message>
        <source>Mengekspor formulir evaluasi</source>
        <translation>Exporting evaluation forms</translation>
    </message>
    <message>
        <source>{n} formulir ({pages} halaman) ditulis ke {path}</source>
        <translation>{n} forms ({pages} pages) written to {path}</translation>
    </message>
    <message>
        <source>… dan {n} berkas lainnya</source>
        <translation>… and {n} more files</translation>
    </message>
    <message>
        <source>{n} berkas PDF ditulis ke {folder}:</source>
        <translation>{n} PDF files written to {folder}:</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan; tidak ada berkas yang ditulis.</source>
        <translation>Export cancelled; no files were written.</translation>
    </message>
    <message>
        <source>Berkas tidak dapat ditulis: {why}</source>
        <translation>The file cannot be written: {why}</translation>
    </message>
</context>
<context>
    <name>BehaviourSection</name>
    <message>
        <source>opsional, tanpa tingkatan</source>
        <translation>optional, without levels</translation>
    </message>
    <message>
        <source>Ekspektasi khusus pimpinan</source>
        <translation>Leader&apos;s special expectations</translation>
    </message>
    <message>
        <source>Umpan balik</source>
        <translation>Feedback</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <source>Libur nasional</source>
        <translation>National holiday</translation>
    </message>
    <message>
        <source>Cuti bersama</source>
        <translation>Collective leave (cuti bersama)</translation>
    </message>
    <message>
        <source>Libur daerah/kantor</source>
        <translation>Regional/office holiday</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tambah…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Impor mengganti daftar tahun itu</source>
        <translation>Import replaces that year&apos;s list</translation>
    </message>
    <message>
        <source>Impor menambah ke daftar</source>
        <translation>Import adds to the list</translation>
    </message>
    <message>
        <source>Impor CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <source>Kembalikan ke bawaan</source>
        <translation>Back to the default</translation>
    </message>
    <message>
        <source>CSV: kolom tanggal, nama, jenis (nasional, cuti_bersama, lokal); tanggal YYYY-MM-DD atau DD/MM/YYYY; pemisah koma atau titik koma.</source>
        <translation>CSV: columns tanggal, nama, jenis (nasional, cuti_bersama, lokal); dates YYYY-MM-DD or DD/MM/YYYY; comma or semicolon separated.</translation>
    </message>
    <message>
        <source>Daftar kantor ({n} hari).</source>
        <translation>The office&apos;s list ({n} days).</translation>
    </message>
    <message>
        <source>Perkiraan bawaan dari pustaka holidays ({n} hari); periksa dengan SKB 3 Menteri tahun ini.</source>
        <translation>Default estimate from the holidays library ({n} days); check it against this year&apos;s joint ministerial decree (SKB 3 Menteri).</translation>
    </message>
    <message>
        <source>Impor hari libur</source>
        <translation>Import holidays</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Impor berhasil.</source>
        <translation>Import done.</translation>
    </message>
</context>
<context>
    <name>CellDialog</name>
    <message>
        <source>Isi sel jadwal</source>
        <translation>Schedule cell</translation>
    </message>
    <message>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>(belum diisi)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>sesuai jam kerja</source>
        <translation>office hours</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Lokasi (WFA/dinas luar)</source>
        <translation>Location (WFA/official travel)</translation>
    </message>
    <message>
        <source>Jenis cuti</source>
        <translation>Leave kind</translation>
    </message>
    <message>
        <source>Jam kerja</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <source>Berlaku untuk {n} sel terpilih.</source>
        <translation>Applies to the {n} selected cells.</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Data diubah di PC lain</source>
        <translation>Changed on another PC</translation>
    </message>
    <message>
        <source>Data ini diubah oleh {name} di PC {pc} pada {time} sejak Anda membukanya. Belum ada yang disimpan.</source>
        <translation>This record was changed by {name} on PC {pc} at {time} since you opened it. Nothing has been saved yet.</translation>
    </message>
    <message>
        <source>Versi mereka</source>
        <translation>Their version</translation>
    </message>
    <message>
        <source>Versi Anda</source>
        <translation>Your version</translation>
    </message>
    <message>
        <source>&amp;Pakai versi mereka</source>
        <translation>&amp;Keep theirs</translation>
    </message>
    <message>
        <source>&amp;Timpa dengan versi saya</source>
        <translation>&amp;Overwrite with mine</translation>
    </message>
    <message>
        <source>&amp;Gabungkan</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>Simpan versi mereka ditambah daftar (mis. bukti) yang Anda tambahkan.</source>
        <translation>Save their version plus the list items (e.g. evidence) you added.</translation>
    </message>
    <message>
        <source>Kembali ke formulir</source>
        <translation>Back to the form</translation>
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
        <translation>Work units</translation>
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
    <name>DistributionView</name>
    <message>
        <source>sesuai pengaturan kantor</source>
        <translation>as in the office settings</translation>
    </message>
    <message>
        <source>Hanya evaluasi yang sudah ditetapkan</source>
        <translation>Final evaluations only</translation>
    </message>
    <message>
        <source>Hasil kinerja organisasi:</source>
        <translation>Organisation&apos;s result:</translation>
    </message>
    <message>
        <source>Predikat</source>
        <translation>Predikat</translation>
    </message>
    <message>
        <source>Jumlah pegawai</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Persentase</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Pilih satu unit kerja untuk melihat sebaran predikatnya.</source>
        <translation>Choose one work unit to see its predikat distribution.</translation>
    </message>
    <message>
        <source>Sebaran predikat {unit}, {period}</source>
        <translation>Predikat distribution of {unit}, {period}</translation>
    </message>
    <message>
        <source>{rated} pegawai sudah dinilai, {not_rated} belum. Hasil kinerja organisasi: {org}.</source>
        <translation>{rated} employees rated, {not_rated} not yet. Organisation&apos;s result: {org}.</translation>
    </message>
    <message>
        <source>Sebaran tidak sesuai kurva distribusi:</source>
        <translation>The distribution does not fit the distribution curve:</translation>
    </message>
    <message>
        <source>Sebaran sesuai kurva distribusi.</source>
        <translation>The distribution fits the distribution curve.</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employees</translation>
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
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Tidak</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Fleksibel</source>
        <translation>Flexible</translation>
    </message>
    <message>
        <source>Versi mereka dimuat; tidak ada yang disimpan.</source>
        <translation>Their version is loaded; nothing was saved.</translation>
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
        <source>Impor…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
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
    <name>Evaluation</name>
    <message>
        <source>Belum dimulai</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>Di Atas</source>
        <translation>Above</translation>
    </message>
    <message>
        <source>Sesuai</source>
        <translation>Meets</translation>
    </message>
    <message>
        <source>Di Bawah</source>
        <translation>Below</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EvaluationEditor</name>
    <message>
        <source>Pratinjau evaluasi {name} — {period}</source>
        <translation>Evaluation preview: {name} — {period}</translation>
    </message>
    <message>
        <source>Kirim tanggapan</source>
        <translation>Send comment</translation>
    </message>
    <message>
        <source>Hasil kerja</source>
        <translation>Work results</translation>
    </message>
    <message>
        <source>Perilaku kerja</source>
        <translation>Work behaviour</translation>
    </message>
    <message>
        <source>Rating dan predikat</source>
        <translation>Ratings and predikat</translation>
    </message>
    <message>
        <source>Tanggapan pegawai</source>
        <translation>Employee&apos;s comment</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Simpan draf</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>Perbarui realisasi</source>
        <translation>Refresh realisation</translation>
    </message>
    <message>
        <source>Bagikan ke pegawai…</source>
        <translation>Share with employee…</translation>
    </message>
    <message>
        <source>Tetapkan…</source>
        <translation>Finalise…</translation>
    </message>
    <message>
        <source>Buka kembali…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Pratinjau PDF</source>
        <translation>PDF preview</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Simpan perubahan tanpa membagikannya (Ctrl+S)</source>
        <translation>Save the changes without sharing them (Ctrl+S)</translation>
    </message>
    <message>
        <source>Pratinjau formulir yang dicetak (Ctrl+P)</source>
        <translation>Preview the printed form (Ctrl+P)</translation>
    </message>
    <message>
        <source>Evaluasi {name} — {period}</source>
        <translation>Evaluation of {name} — {period}</translation>
    </message>
    <message>
        <source>Periode {period} · Pejabat penilai: {name}</source>
        <translation>Period {period} · Evaluating official: {name}</translation>
    </message>
    <message>
        <source>Atasan pejabat penilai: {name}</source>
        <translation>Evaluating official&apos;s superior: {name}</translation>
    </message>
    <message>
        <source>Tulis tanggapan Anda atas evaluasi ini; atasan dapat membacanya.</source>
        <translation>Write your comment on this evaluation; your supervisor can read it.</translation>
    </message>
    <message>
        <source>Tanggapan pegawai:</source>
        <translation>Employee&apos;s comment:</translation>
    </message>
    <message>
        <source>Pegawai belum memberi tanggapan.</source>
        <translation>The employee has not commented yet.</translation>
    </message>
    <message>
        <source>admin sebagai atasan pejabat penilai</source>
        <translation>admin as the evaluating official&apos;s superior</translation>
    </message>
    <message>
        <source>admin atas nama pegawai</source>
        <translation>admin on the employee&apos;s behalf</translation>
    </message>
    <message>
        <source>Predikat kinerja: {p}</source>
        <translation>Performance predikat: {p}</translation>
    </message>
    <message>
        <source>Hanya pejabat penilai pegawai ini yang dapat mengubahnya.</source>
        <translation>Only this employee&apos;s evaluating official can change it.</translation>
    </message>
    <message>
        <source>Evaluasi sudah ditetapkan dan terkunci; buka kembali untuk mengubah.</source>
        <translation>The evaluation is final and locked; reopen it to make changes.</translation>
    </message>
    <message>
        <source>Belum ada perubahan.</source>
        <translation>No changes yet.</translation>
    </message>
    <message>
        <source>Baca ulang realisasi dari log output yang diterima</source>
        <translation>Read the realisation again from the accepted output logs</translation>
    </message>
    <message>
        <source>Hanya evaluasi berstatus draf yang dapat dibagikan.</source>
        <translation>Only a draft evaluation can be shared.</translation>
    </message>
    <message>
        <source>Pegawai dapat melihat dan menanggapi evaluasi ini</source>
        <translation>The employee can see and comment on this evaluation</translation>
    </message>
    <message>
        <source>Evaluasi sudah ditetapkan.</source>
        <translation>The evaluation is already final.</translation>
    </message>
    <message>
        <source>Bagikan evaluasi kepada pegawai terlebih dahulu.</source>
        <translation>Share the evaluation with the employee first.</translation>
    </message>
    <message>
        <source>Belum diisi: {what}.</source>
        <translation>Still empty: {what}.</translation>
    </message>
    <message>
        <source>Tetapkan evaluasi; setelah itu terkunci</source>
        <translation>Finalise the evaluation; it is locked afterwards</translation>
    </message>
    <message>
        <source>Hanya evaluasi yang sudah ditetapkan yang dapat dibuka kembali, oleh pejabat penilainya.</source>
        <translation>Only a final evaluation can be reopened, by its evaluating official.</translation>
    </message>
    <message>
        <source>Buka kembali untuk koreksi; alasannya dicatat</source>
        <translation>Reopen for a correction; the reason is recorded</translation>
    </message>
    <message>
        <source>Tanggapan hanya dapat ditulis pegawai yang dinilai selama evaluasi dibagikan.</source>
        <translation>Only the evaluated employee can comment, while the evaluation is shared.</translation>
    </message>
    <message>
        <source>Realisasi “{what}” harus berupa angka, misalnya 12 atau 2,5.</source>
        <translation>The realisation of “{what}” must be a number, e.g. 12 or 2.5.</translation>
    </message>
    <message>
        <source>Perubahan tersimpan.</source>
        <translation>Changes saved.</translation>
    </message>
    <message>
        <source>Realisasi dibaca ulang dari log output yang diterima.</source>
        <translation>Realisation read again from the accepted output logs.</translation>
    </message>
    <message>
        <source>Evaluasi dibagikan; pegawai kini dapat melihat dan menanggapinya.</source>
        <translation>Evaluation shared; the employee can now see it and comment.</translation>
    </message>
    <message>
        <source>Bagikan evaluasi</source>
        <translation>Share evaluation</translation>
    </message>
    <message>
        <source>Bagikan evaluasi {period} kepada {name}? Pegawai akan dapat melihat dan menanggapinya; Anda masih dapat mengubahnya sampai ditetapkan.</source>
        <translation>Share the {period} evaluation with {name}? The employee will be able to see it and comment; you can still change it until it is final.</translation>
    </message>
    <message>
        <source>Bagikan</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>Evaluasi ditetapkan dan terkunci.</source>
        <translation>Evaluation finalised and locked.</translation>
    </message>
    <message>
        <source>Tetapkan evaluasi {period} untuk {name} dengan predikat {predikat}? Setelah ditetapkan, evaluasi terkunci; membukanya kembali memerlukan alasan yang dicatat.</source>
        <translation>Finalise the {period} evaluation of {name} with predikat {predikat}? Once final it is locked; reopening it needs a reason, which is recorded.</translation>
    </message>
    <message>
        <source>Tetapkan evaluasi {period} untuk {name}?</source>
        <translation>Finalise the {period} evaluation of {name}?</translation>
    </message>
    <message>
        <source>Tetapkan evaluasi</source>
        <translation>Finalise evaluation</translation>
    </message>
    <message>
        <source>Tetapkan</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>Buka kembali evaluasi</source>
        <translation>Reopen evaluation</translation>
    </message>
    <message>
        <source>Mengapa evaluasi yang sudah ditetapkan perlu diubah? Alasan ini dicatat.</source>
        <translation>Why must the final evaluation change? The reason is recorded.</translation>
    </message>
    <message>
        <source>Evaluasi dibuka kembali.</source>
        <translation>Evaluation reopened.</translation>
    </message>
    <message>
        <source>Tanggapan Anda tersimpan.</source>
        <translation>Your comment is saved.</translation>
    </message>
    <message>
        <source>Perubahan yang belum disimpan tidak termasuk dalam pratinjau ini.</source>
        <translation>Unsaved changes are not in this preview.</translation>
    </message>
    <message>
        <source>Perubahan belum disimpan</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Tutup tanpa menyimpan perubahan pada evaluasi ini?</source>
        <translation>Close without saving the changes to this evaluation?</translation>
    </message>
    <message>
        <source>Tutup tanpa menyimpan</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <source>Rating hasil kerja</source>
        <translation>Work results rating</translation>
    </message>
    <message>
        <source>Rating perilaku kerja</source>
        <translation>Work behaviour rating</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Realisasi dan umpan balik</source>
        <translation>Realisation and feedback</translation>
    </message>
    <message>
        <source>versi tersimpan mereka</source>
        <translation>their saved version</translation>
    </message>
    <message>
        <source>{n} baris diisi di sini</source>
        <translation>{n} rows filled in here</translation>
    </message>
</context>
<context>
    <name>EvaluationListModel</name>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rating hasil / perilaku</source>
        <translation>Results / behaviour</translation>
    </message>
    <message>
        <source>Predikat</source>
        <translation>Predikat</translation>
    </message>
    <message>
        <source>Tanggapan</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>ada</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>Pejabat penilai: {name}</source>
        <translation>Evaluating official: {name}</translation>
    </message>
    <message>
        <source>Hasil kerja: {r}</source>
        <translation>Work results: {r}</translation>
    </message>
    <message>
        <source>Perilaku kerja: {r}</source>
        <translation>Work behaviour: {r}</translation>
    </message>
    <message>
        <source>Hanya atasan langsung yang dapat memulai evaluasi ini.</source>
        <translation>Only the direct supervisor can start this evaluation.</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <source>Evaluasi Kinerja</source>
        <translation>Performance evaluation</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Buka evaluasi</source>
        <translation>Open evaluation</translation>
    </message>
    <message>
        <source>Buka atau mulai evaluasi pegawai terpilih (Enter)</source>
        <translation>Open or start the selected employee&apos;s evaluation (Enter)</translation>
    </message>
    <message>
        <source>Pratinjau formulir</source>
        <translation>Preview form</translation>
    </message>
    <message>
        <source>Pratinjau semua (ditetapkan)</source>
        <translation>Preview all (final)</translation>
    </message>
    <message>
        <source>Semua formulir yang sudah ditetapkan pada daftar ini dalam satu pratinjau</source>
        <translation>Every final form in this list in one preview</translation>
    </message>
    <message>
        <source>Ekspor PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>Formulir yang sudah ditetapkan: satu PDF gabungan atau satu berkas per pegawai</source>
        <translation>Final forms: one combined PDF or one file per employee</translation>
    </message>
    <message>
        <source>Daftar evaluasi</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <source>Sebaran predikat unit</source>
        <translation>Unit predikat distribution</translation>
    </message>
    <message>
        <source>Semua unit</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>{n} pegawai; {final} evaluasi ditetapkan.</source>
        <translation>{n} employees; {final} evaluations final.</translation>
    </message>
    <message>
        <source>Pilih satu unit kerja untuk melihat sebaran predikatnya.</source>
        <translation>Choose one work unit to see its predikat distribution.</translation>
    </message>
    <message>
        <source>Mulai evaluasi</source>
        <translation>Start evaluation</translation>
    </message>
    <message>
        <source>Mulai evaluasi pegawai terpilih (Enter)</source>
        <translation>Start the selected employee&apos;s evaluation (Enter)</translation>
    </message>
    <message>
        <source>Hanya atasan langsung pegawai ini yang dapat memulai evaluasinya.</source>
        <translation>Only this employee&apos;s direct supervisor can start the evaluation.</translation>
    </message>
    <message>
        <source>Buka evaluasi pegawai terpilih (Enter)</source>
        <translation>Open the selected employee&apos;s evaluation (Enter)</translation>
    </message>
    <message>
        <source>Belum ada evaluasi yang ditetapkan pada daftar ini.</source>
        <translation>No evaluation in this list is final yet.</translation>
    </message>
    <message>
        <source>Mulai evaluasi {period} untuk {name}? Realisasi diisi dari log output yang sudah diterima.</source>
        <translation>Start the {period} evaluation of {name}? The realisation is filled in from the accepted output logs.</translation>
    </message>
    <message>
        <source>Mulai</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Menyusun formulir {done} dari {total}</source>
        <translation>Laying out form {done} of {total}</translation>
    </message>
    <message>
        <source>Pratinjau formulir evaluasi — {what}</source>
        <translation>Evaluation forms preview — {what}</translation>
    </message>
    <message>
        <source>Menyiapkan pratinjau</source>
        <translation>Preparing the preview</translation>
    </message>
    <message>
        <source>Dibatalkan.</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>ExceptionsBox</name>
    <message>
        <source>Pengecualian batas WFH/WFA (PermenPANRB 4/2025 Pasal 13)</source>
        <translation>Exceptions to the WFH/WFA limits (PermenPANRB 4/2025 Art. 13)</translation>
    </message>
    <message>
        <source>alasan, mis. petugas lapangan</source>
        <translation>reason, e.g. field officer</translation>
    </message>
    <message>
        <source>Tetapkan</source>
        <translation>Grant</translation>
    </message>
    <message>
        <source>Cabut</source>
        <translation>Withdraw</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Ekspor ke Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>Daftar pegawai</source>
        <translation>Employee list</translation>
    </message>
    <message>
        <source>Jadwal satu bulan</source>
        <translation>Schedule of one month</translation>
    </message>
    <message>
        <source>Log output (dengan saringan tanggal dan unit)</source>
        <translation>Output log (filtered by dates and unit)</translation>
    </message>
    <message>
        <source>Rekap output per pegawai</source>
        <translation>Output recap per employee</translation>
    </message>
    <message>
        <source>Rekap evaluasi kinerja unit</source>
        <translation>Evaluation recap of a unit</translation>
    </message>
    <message>
        <source>Rekap untuk e-Kinerja</source>
        <translation>Recap for e-Kinerja</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Tahunan</source>
        <translation>Annual</translation>
    </message>
    <message>
        <source>Semua unit</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Unit kerja</source>
        <translation>Work unit</translation>
    </message>
    <message>
        <source>Kertas (cetak)</source>
        <translation>Paper (printing)</translation>
    </message>
    <message>
        <source>Dari tanggal</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sampai tanggal</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Simpan sebagai</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Pilih satu unit kerja untuk rekap evaluasi.</source>
        <translation>Choose one work unit for the evaluation recap.</translation>
    </message>
    <message>
        <source>{n} baris ditulis ke {path}</source>
        <translation>{n} rows written to {path}</translation>
    </message>
    <message>
        <source>Mengekspor</source>
        <translation>Exporting</translation>
    </message>
</context>
<context>
    <name>FirstPasswordDialog</name>
    <message>
        <source>Buat kata sandi baru</source>
        <translation>Choose a new password</translation>
    </message>
    <message>
        <source>Anda masuk dengan kata sandi sementara dari slip akun. Buat kata sandi baru (minimal 10 karakter) sebelum melanjutkan.</source>
        <translation>You signed in with the one-time password from your account slip. Choose a new password (at least 10 characters) before you go on.</translation>
    </message>
    <message>
        <source>Kata sandi baru</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Ulangi kata sandi</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>Simpan dan masuk</source>
        <translation>Save and sign in</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
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
        <source>Menyiapkan basis data di server…</source>
        <translation>Preparing the database on the server…</translation>
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
    <name>GridEditing</name>
    <message>
        <source>Isi {code}</source>
        <translation>Set {code}</translation>
    </message>
    <message>
        <source>Dicatat sebagai cuti tahunan; tekan Enter untuk jenis lain.</source>
        <translation>Recorded as annual leave; press Enter for another kind.</translation>
    </message>
    <message>
        <source>Isi WFA</source>
        <translation>Set WFA</translation>
    </message>
    <message>
        <source>Kosongkan</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Ubah sel</source>
        <translation>Change cells</translation>
    </message>
    <message>
        <source>Tidak ada yang disalin: minggu lalu kosong atau sama.</source>
        <translation>Nothing copied: last week is empty or the same.</translation>
    </message>
    <message>
        <source>Salin minggu lalu</source>
        <translation>Copy last week</translation>
    </message>
    <message>
        <source>Tidak ada jadwal yang dapat Anda ubah di tampilan ini.</source>
        <translation>There is no schedule you may change in this view.</translation>
    </message>
    <message>
        <source>{n} pegawai</source>
        <translation>{n} employees</translation>
    </message>
    <message>
        <source>Terapkan pola</source>
        <translation>Apply a pattern</translation>
    </message>
    <message>
        <source>(kosong)</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Belum ada langkah persetujuan.</source>
        <translation>No approval steps yet.</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
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
        <source>Dibatalkan; nomor paket ini tidak dipakai lagi.</source>
        <translation>Cancelled; this bundle number is not used again.</translation>
    </message>
    <message>
        <source>Tanda terima pusat {time}</source>
        <translation>Central receipt {time}</translation>
    </message>
</context>
<context>
    <name>HolidayDialog</name>
    <message>
        <source>Tambah hari libur</source>
        <translation>Add a holiday</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tambah</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Impor data dari Excel/CSV</source>
        <translation>Import data from Excel/CSV</translation>
    </message>
    <message>
        <source>Buat akun masuk untuk pegawai yang diimpor (nama pengguna = NIP, slip kata sandi sementara dalam PDF)</source>
        <translation>Create sign-in accounts for the imported employees (username = NIP, one-time password slips as a PDF)</translation>
    </message>
    <message>
        <source>Pegawai, unit kerja dan atasan</source>
        <translation>Employees, work units and supervisors</translation>
    </message>
    <message>
        <source>SKP: RHK dan indikator</source>
        <translation>SKP: RHK and indicators</translation>
    </message>
    <message>
        <source>Berkas XLSX atau CSV…</source>
        <translation>XLSX or CSV file…</translation>
    </message>
    <message>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Unduh templat…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <source>Salin SKP tahun lalu untuk seluruh unit:</source>
        <translation>Copy last year&apos;s SKP for the whole unit:</translation>
    </message>
    <message>
        <source>Salin</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Pilih berkas impor</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>Excel atau CSV (*.xlsx *.csv *.txt)</source>
        <translation>Excel or CSV (*.xlsx *.csv *.txt)</translation>
    </message>
    <message>
        <source>Simpan templat</source>
        <translation>Save the template</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Templat disimpan: {path}</source>
        <translation>Template saved: {path}</translation>
    </message>
    <message>
        <source>Membaca berkas</source>
        <translation>Reading the file</translation>
    </message>
    <message>
        <source>Unit kerja baru: {names}</source>
        <translation>New work units: {names}</translation>
    </message>
    <message>
        <source>perbaiki baris yang ditolak (alasannya di kolom Keterangan dan pada sel merah), lalu pilih berkasnya lagi</source>
        <translation>fix the refused rows (the reasons are in the Notes column and on the red cells), then choose the file again</translation>
    </message>
    <message>
        <source>Mengimpor</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>Tersimpan: {n} RHK baru, {u} diubah, {s} SKP baru.</source>
        <translation>Saved: {n} new RHK, {u} changed, {s} new SKPs.</translation>
    </message>
    <message>
        <source>Tersimpan: {n} pegawai baru, {u} diubah, {k} unit baru.</source>
        <translation>Saved: {n} new employees, {u} changed, {k} new units.</translation>
    </message>
    <message>
        <source>{n} akun dibuat; slip kata sandi: {path}</source>
        <translation>{n} accounts created; password slips: {path}</translation>
    </message>
    <message>
        <source>SKP {year} disalin untuk {n} dari {total} pegawai.</source>
        <translation>{year} SKP copied for {n} of {total} employees.</translation>
    </message>
    <message>
        <source>Menyalin SKP</source>
        <translation>Copying SKPs</translation>
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
        <source>Ganti kunci…</source>
        <translation>Replace key…</translation>
    </message>
    <message>
        <source>Buat kunci baru (misalnya bila frasa sandi diketahui orang lain). Kunci baru diumumkan ke pusat dalam paket yang ditandatangani kunci lama.</source>
        <translation>Create a new key (for example when someone else learned the passphrase). The new key is announced to central in a bundle signed by the old key.</translation>
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
        <source>Kode kantor {office} · dibuat {date}
{key_id}</source>
        <translation>Office code {office} · created {date}
{key_id}</translation>
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
    <name>LocationDialog</name>
    <message>
        <source>Lokasi WFA</source>
        <translation>WFA location</translation>
    </message>
    <message>
        <source>Di mana pekerjaan dilakukan? (wajib untuk WFA)</source>
        <translation>Where is the work done? (required for WFA)</translation>
    </message>
    <message>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>LogDialog</name>
    <message>
        <source>Catat output</source>
        <translation>Log output</translation>
    </message>
    <message>
        <source>Entri log output</source>
        <translation>Output log entry</translation>
    </message>
    <message>
        <source>Ubah entri log output</source>
        <translation>Edit output log entry</translation>
    </message>
    <message>
        <source>Catatan atasan: {note}</source>
        <translation>Supervisor&apos;s note: {note}</translation>
    </message>
    <message>
        <source>Apa yang dikerjakan dan hasilnya</source>
        <translation>What was done and its result</translation>
    </message>
    <message>
        <source>mis. dokumen</source>
        <translation>e.g. documents</translation>
    </message>
    <message>
        <source>Lokasi kerja (wajib untuk WFA)</source>
        <translation>Work location (required for WFA)</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>RHK</source>
        <translation>RHK</translation>
    </message>
    <message>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Bukti</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Versi mereka dimuat; tidak ada yang disimpan.</source>
        <translation>Their version is loaded; nothing was saved.</translation>
    </message>
    <message>
        <source>Kegiatan *</source>
        <translation>Activity *</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Jam mulai–selesai</source>
        <translation>Start–end time</translation>
    </message>
    <message>
        <source>Mode kerja</source>
        <translation>Work mode</translation>
    </message>
    <message>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Bukti dukung (seret berkas ke sini, atau tambahkan):</source>
        <translation>Evidence (drag files here, or add them):</translation>
    </message>
    <message>
        <source>Tambah berkas…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>https://… (tautan bukti)</source>
        <translation>https://… (evidence link)</translation>
    </message>
    <message>
        <source>Tambah tautan</source>
        <translation>Add link</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Hapus dari daftar</source>
        <translation>Remove from list</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
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
        <source>(belum ada SKP tahun {year})</source>
        <translation>(no SKP for {year} yet)</translation>
    </message>
    <message>
        <source>Tidak ada jadwal yang disetujui untuk hari ini.</source>
        <translation>No approved schedule for this day.</translation>
    </message>
    <message>
        <source>Jadwal: {leave}. Output tidak dicatat pada hari cuti.</source>
        <translation>Schedule: {leave}. Outputs are not logged on leave days.</translation>
    </message>
    <message>
        <source>Jadwal: {mode}. Mode berbeda akan ditandai untuk atasan.</source>
        <translation>Schedule: {mode}. A different mode is flagged for the supervisor.</translation>
    </message>
    <message>
        <source>Sesuai jadwal: {mode}.</source>
        <translation>As scheduled: {mode}.</translation>
    </message>
    <message>
        <source>Pilih berkas bukti</source>
        <translation>Choose evidence files</translation>
    </message>
</context>
<context>
    <name>LogTab</name>
    <message>
        <source>Cari kegiatan atau nama… (Ctrl+F)</source>
        <translation>Search activity or name… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Catat output</source>
        <translation>Log output</translation>
    </message>
    <message>
        <source>Catat output (Ctrl+N)</source>
        <translation>Log output (Ctrl+N)</translation>
    </message>
    <message>
        <source>Ajukan</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Ajukan entri terpilih ke atasan</source>
        <translation>Submit the selected entries to the supervisor</translation>
    </message>
    <message>
        <source>Tarik kembali</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Semua pegawai</source>
        <translation>All employees</translation>
    </message>
    <message>
        <source>Semua unit</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Semua RHK</source>
        <translation>All RHK</translation>
    </message>
    <message>
        <source>{n} entri</source>
        <translation>{n} entries</translation>
    </message>
    <message>
        <source>Catatan atasan: {note}</source>
        <translation>Supervisor&apos;s note: {note}</translation>
    </message>
    <message>
        <source>Log output</source>
        <translation>Output log</translation>
    </message>
    <message>
        <source>Hapus entri</source>
        <translation>Delete entries</translation>
    </message>
    <message>
        <source>Hapus {n} entri log output terpilih?</source>
        <translation>Delete the {n} selected output log entries?</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>RHK</source>
        <translation>RHK</translation>
    </message>
    <message>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bukti</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Jadwal: {mode}</source>
        <translation>Schedule: {mode}</translation>
    </message>
    <message>
        <source>Catatan atasan: {note}</source>
        <translation>Supervisor&apos;s note: {note}</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <source>Kantor demo — masuk sebagai admin, atasan (mis. wayan) atau pegawai; kata sandi semua akun: {pw}</source>
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
    <name>ModePage</name>
    <message>
        <source>Cara kantor menyimpan data</source>
        <translation>Where the office keeps its data</translation>
    </message>
    <message>
        <source>Pilih sekali saat memasang. Jika ragu, tanyakan kepada pengelola TI kantor.</source>
        <translation>Chosen once when installing. If unsure, ask the office&apos;s IT person.</translation>
    </message>
    <message>
        <source>Kantor ini memakai satu komputer (SQLite)</source>
        <translation>This office uses one PC (SQLite)</translation>
    </message>
    <message>
        <source>Semua data disimpan di komputer ini saja.</source>
        <translation>All data is kept on this PC only.</translation>
    </message>
    <message>
        <source>Kantor ini memakai server</source>
        <translation>This office uses a server</translation>
    </message>
    <message>
        <source>Beberapa komputer memakai satu server PostgreSQL di jaringan kantor (biasanya komputer kepala kantor). Server harus sudah dipasang: lihat panduan docs/postgresql.md.</source>
        <translation>Several PCs use one PostgreSQL server on the office network (usually the head of office&apos;s PC). The server must be installed already: see the guide docs/postgresql.md.</translation>
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
    <name>NoteDialog</name>
    <message>
        <source>Kirim</source>
        <translation>Send</translation>
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
    <message>
        <source>(ada logo)</source>
        <translation>(has a logo)</translation>
    </message>
</context>
<context>
    <name>OutputSettingsTab</name>
    <message>
        <source>Berkas bukti dukung</source>
        <translation>Evidence files</translation>
    </message>
    <message>
        <source>Ukuran maksimal per berkas</source>
        <translation>Largest file size</translation>
    </message>
    <message>
        <source>Jenis berkas yang diizinkan</source>
        <translation>Allowed file types</translation>
    </message>
    <message>
        <source>Sinyal kesejahteraan pada rekap</source>
        <translation>Wellbeing signals on the recap</translation>
    </message>
    <message>
        <source> jam</source>
        <translation> h</translation>
    </message>
    <message>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Jam kerja per minggu di atas</source>
        <translation>Working hours a week above</translation>
    </message>
    <message>
        <source>Hari kerja berturut-turut lebih dari</source>
        <translation>Days worked in a row more than</translation>
    </message>
    <message>
        <source>Porsi hari kerja dari luar kantor di atas</source>
        <translation>Share of days worked away from the office above</translation>
    </message>
    <message>
        <source>Bawaan: 37,5 jam per minggu (Perpres 21/2023), 6 hari, dan 40% (paling banyak 2 dari 5 hari kerja di luar kantor, PermenPANRB 4/2025 Pasal 13).</source>
        <translation>Defaults: 37.5 hours a week (Perpres 21/2023), 6 days, and 40% (at most 2 of 5 working days away from the office, PermenPANRB 4/2025 art. 13).</translation>
    </message>
    <message>
        <source>Simpan pengaturan</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Bersihkan berkas bukti yang tidak terpakai</source>
        <translation>Clean up unused evidence files</translation>
    </message>
    <message>
        <source>Pengaturan disimpan.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Membersihkan berkas bukti</source>
        <translation>Cleaning up evidence files</translation>
    </message>
    <message>
        <source>{n} berkas yang tidak terpakai dihapus.</source>
        <translation>{n} unused files removed.</translation>
    </message>
</context>
<context>
    <name>Outputs</name>
    <message>
        <source>Draf</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Diajukan</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Dikembalikan</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Diterima</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Belum ada SKP</source>
        <translation>No SKP yet</translation>
    </message>
    <message>
        <source>Diajukan ke atasan</source>
        <translation>Submitted to the supervisor</translation>
    </message>
    <message>
        <source>Disetujui</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>WFO (kantor)</source>
        <translation>WFO (office)</translation>
    </message>
    <message>
        <source>WFH (rumah)</source>
        <translation>WFH (home)</translation>
    </message>
    <message>
        <source>WFA (lokasi lain)</source>
        <translation>WFA (other location)</translation>
    </message>
    <message>
        <source>Dinas luar</source>
        <translation>Official travel</translation>
    </message>
    <message>
        <source>DL</source>
        <translation>Travel</translation>
    </message>
    <message>
        <source>Kuantitas</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Kualitas</source>
        <translation>Quality</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Biaya</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Bulanan</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <source>Triwulanan</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <source>Semesteran</source>
        <translation>Half-yearly</translation>
    </message>
    <message>
        <source>Tahunan</source>
        <translation>Annual</translation>
    </message>
</context>
<context>
    <name>OutputsPage</name>
    <message>
        <source>Log Output</source>
        <translation>Output log</translation>
    </message>
    <message>
        <source>Log harian</source>
        <translation>Daily log</translation>
    </message>
    <message>
        <source>Rekap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>SKP</source>
        <translation>SKP</translation>
    </message>
    <message>
        <source>Reviu ({n})</source>
        <translation>Review ({n})</translation>
    </message>
    <message>
        <source>Reviu</source>
        <translation>Review</translation>
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
        <source>Log Output</source>
        <translation>Output log</translation>
    </message>
    <message>
        <source>Evaluasi</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Kebijakan kerja fleksibel</source>
        <translation>Flexible-work policy</translation>
    </message>
    <message>
        <source>Kalender libur</source>
        <translation>Holiday calendar</translation>
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
    <name>PatternDialog</name>
    <message>
        <source>Terapkan pola</source>
        <translation>Apply a pattern</translation>
    </message>
    <message>
        <source>untuk hari A (WFA)</source>
        <translation>for A days (WFA)</translation>
    </message>
    <message>
        <source>Pola</source>
        <translation>Pattern</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Sampai</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Lokasi WFA</source>
        <translation>WFA location</translation>
    </message>
    <message>
        <source>Untuk</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Kode dipisah spasi, mis. O O H O H. Pola diulang pada hari kerja; akhir pekan dan hari libur dilewati.</source>
        <translation>Codes separated by spaces, e.g. O O H O H. The pattern repeats over working days; weekends and holidays are skipped.</translation>
    </message>
    <message>
        <source>Terapkan</source>
        <translation>Apply</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Halaman pertama (Ctrl+Home)</source>
        <translation>First page (Ctrl+Home)</translation>
    </message>
    <message>
        <source>Halaman sebelumnya (P, Ctrl+PgUp)</source>
        <translation>Previous page (P, Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>Halaman</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Halaman berikutnya (N, Ctrl+PgDown)</source>
        <translation>Next page (N, Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>Halaman terakhir (Ctrl+End)</source>
        <translation>Last page (Ctrl+End)</translation>
    </message>
    <message>
        <source>Perkecil (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Perbesar (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Lebar halaman</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Sesuaikan dengan lebar jendela (W)</source>
        <translation>Fit the page to the window&apos;s width (W)</translation>
    </message>
    <message>
        <source>Satu halaman</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>Tampilkan satu halaman penuh (F)</source>
        <translation>Show one whole page (F)</translation>
    </message>
    <message>
        <source>dari {n}</source>
        <translation>of {n}</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Cetak lewat dialog cetak sistem (Ctrl+P)</source>
        <translation>Print through the system print dialog (Ctrl+P)</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Simpan salinan PDF (Ctrl+S)</source>
        <translation>Save a copy of the PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Tidak ada printer terpasang di Windows. Pasang printer (atau Microsoft Print to PDF), atau simpan PDF lalu cetak dari program lain.</source>
        <translation>No printer is installed in Windows. Install one (or Microsoft Print to PDF), or save the PDF and print it from another program.</translation>
    </message>
    <message>
        <source>{n} halaman dikirim ke printer.</source>
        <translation>{n} pages sent to the printer.</translation>
    </message>
    <message>
        <source>Mencetak</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF tersimpan: {path}</source>
        <translation>PDF saved: {path}</translation>
    </message>
    <message>
        <source>Pencetakan dibatalkan.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>Berkas tidak dapat ditulis: {why}</source>
        <translation>The file cannot be written: {why}</translation>
    </message>
</context>
<context>
    <name>PeriodActions</name>
    <message>
        <source>Pilih dulu sel pegawai yang jadwalnya dimaksud.</source>
        <translation>First select a cell of the employee whose schedule you mean.</translation>
    </message>
    <message>
        <source>Jadwal diajukan ke atasan.</source>
        <translation>Schedule submitted to the supervisor.</translation>
    </message>
    <message>
        <source>Ajukan jadwal</source>
        <translation>Submit schedule</translation>
    </message>
    <message>
        <source>Jadwal ini masih memuat {n} kesalahan. Tetap ajukan ke atasan?</source>
        <translation>This schedule still has {n} errors. Submit it to the supervisor anyway?</translation>
    </message>
    <message>
        <source>Tetap ajukan</source>
        <translation>Submit anyway</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Jadwal diajukan.</source>
        <translation>Schedule submitted.</translation>
    </message>
    <message>
        <source>Pengajuan ditarik kembali.</source>
        <translation>Submission withdrawn.</translation>
    </message>
    <message>
        <source>Jadwal disetujui dan dikunci.</source>
        <translation>Schedule approved and locked.</translation>
    </message>
    <message>
        <source>Kembalikan jadwal</source>
        <translation>Return schedule</translation>
    </message>
    <message>
        <source>Apa yang perlu diubah? Catatan ini dibaca pegawai.</source>
        <translation>What needs to change? The employee reads this note.</translation>
    </message>
    <message>
        <source>Jadwal dikembalikan.</source>
        <translation>Schedule returned.</translation>
    </message>
    <message>
        <source>Buka kembali jadwal</source>
        <translation>Reopen schedule</translation>
    </message>
    <message>
        <source>Mengapa jadwal yang sudah disetujui perlu diubah? Alasan ini dicatat.</source>
        <translation>Why must the approved schedule change? The reason is recorded.</translation>
    </message>
    <message>
        <source>Jadwal dibuka kembali.</source>
        <translation>Schedule reopened.</translation>
    </message>
    <message>
        <source>Riwayat jadwal {name}</source>
        <translation>Schedule history of {name}</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>Ajukan</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Tarik kembali</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Kembalikan…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>Buka kembali…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Riwayat</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Pilih sel seorang pegawai untuk melihat status jadwalnya.</source>
        <translation>Select an employee&apos;s cell to see the status of their schedule.</translation>
    </message>
    <message>
        <source>oleh {name}</source>
        <translation>by {name}</translation>
    </message>
    <message>
        <source>Catatan: {note}</source>
        <translation>Note: {note}</translation>
    </message>
</context>
<context>
    <name>PolicyTab</name>
    <message>
        <source>Versi baru</source>
        <translation>New version</translation>
    </message>
    <message>
        <source>Hapus versi</source>
        <translation>Delete version</translation>
    </message>
    <message>
        <source>Simpan versi</source>
        <translation>Save version</translation>
    </message>
    <message>
        <source>WFO (kantor)</source>
        <translation>WFO (office)</translation>
    </message>
    <message>
        <source>WFH (rumah)</source>
        <translation>WFH (home)</translation>
    </message>
    <message>
        <source>WFA (lokasi lain, wajib diisi lokasinya)</source>
        <translation>WFA (other location, which must be given)</translation>
    </message>
    <message>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <source> orang</source>
        <translation> people</translation>
    </message>
    <message>
        <source>5 hari (Senin–Jumat)</source>
        <translation>5 days (Monday–Friday)</translation>
    </message>
    <message>
        <source>6 hari (Senin–Sabtu)</source>
        <translation>6 days (Monday–Saturday)</translation>
    </message>
    <message>
        <source> jam</source>
        <translation> hours</translation>
    </message>
    <message>
        <source>satu jabatan per baris, mis. Petugas Loket</source>
        <translation>one position per line, e.g. Counter Officer</translation>
    </message>
    <message>
        <source>Hari kerja jarak jauh perlu persetujuan atasan</source>
        <translation>Remote working days need the supervisor&apos;s approval</translation>
    </message>
    <message>
        <source>Berlaku mulai</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>Mode kerja yang diizinkan</source>
        <translation>Allowed work modes</translation>
    </message>
    <message>
        <source>Maks. WFH/WFA per minggu</source>
        <translation>Max. WFH/WFA per week</translation>
    </message>
    <message>
        <source>Maks. WFH/WFA per bulan</source>
        <translation>Max. WFH/WFA per month</translation>
    </message>
    <message>
        <source>Minimal di kantor per unit</source>
        <translation>Minimum on site per unit</translation>
    </message>
    <message>
        <source>Minimal orang di kantor per unit</source>
        <translation>Minimum people on site per unit</translation>
    </message>
    <message>
        <source>Jam inti (wajib dapat dihubungi)</source>
        <translation>Core hours (must be reachable)</translation>
    </message>
    <message>
        <source>Hari kerja</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>Jam kerja per minggu</source>
        <translation>Working hours per week</translation>
    </message>
    <message>
        <source>Jam kerja per minggu saat Ramadan</source>
        <translation>Working hours per week in Ramadan</translation>
    </message>
    <message>
        <source>Periode Ramadan</source>
        <translation>Ramadan periods</translation>
    </message>
    <message>
        <source>Jabatan yang wajib di kantor</source>
        <translation>Positions that must work on site</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>tidak dibatasi</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>Berlaku mulai {date}</source>
        <translation>In force from {date}</translation>
    </message>
    <message>
        <source>Bawaan FlexDesk (belum ada versi kantor)</source>
        <translation>FlexDesk&apos;s default (no office version yet)</translation>
    </message>
    <message>
        <source>{n} jadwal disetujui</source>
        <translation>{n} schedules approved</translation>
    </message>
    <message>
        <source>Isi versi baru lalu simpan.</source>
        <translation>Fill in the new version, then save.</translation>
    </message>
    <message>
        <source>Periode Ramadan: tulis dua tanggal per baris (YYYY-MM-DD – YYYY-MM-DD).</source>
        <translation>Ramadan periods: write two dates per line (YYYY-MM-DD – YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>Periode Ramadan: tanggal tidak valid.</source>
        <translation>Ramadan periods: invalid date.</translation>
    </message>
    <message>
        <source>… dan {n} lainnya.</source>
        <translation>… and {n} more.</translation>
    </message>
    <message>
        <source>Jadwal yang sudah disetujui</source>
        <translation>Approved schedules</translation>
    </message>
    <message>
        <source>Versi ini akan menilai {n} hal pada jadwal yang sudah disetujui secara berbeda. Jadwal itu tetap disetujui menurut versi kebijakan saat disetujui. Simpan?</source>
        <translation>This version would judge {n} things in approved schedules differently. Those schedules stay approved under the policy version they were approved with. Save?</translation>
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
        <source>Versi kebijakan tersimpan.</source>
        <translation>Policy version saved.</translation>
    </message>
    <message>
        <source>{n} catatan untuk jadwal yang sudah disetujui.</source>
        <translation>{n} notes about approved schedules.</translation>
    </message>
    <message>
        <source>Versi kebijakan dihapus.</source>
        <translation>Policy version deleted.</translation>
    </message>
</context>
<context>
    <name>PreviewTableModel</name>
    <message>
        <source>Baris</source>
        <translation>Line</translation>
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
        <source>diubah: {fields}</source>
        <translation>changed: {fields}</translation>
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
    <name>RatingSection</name>
    <message>
        <source>Dihitung dari kedua rating dengan matriks PermenPANRB 6/2022</source>
        <translation>Computed from both ratings with the PermenPANRB 6/2022 matrix</translation>
    </message>
    <message>
        <source>— belum ditetapkan —</source>
        <translation>— not set —</translation>
    </message>
    <message>
        <source>Rating hasil kerja</source>
        <translation>Work results rating</translation>
    </message>
    <message>
        <source>Rating perilaku kerja</source>
        <translation>Work behaviour rating</translation>
    </message>
    <message>
        <source>Predikat kinerja</source>
        <translation>Performance predikat</translation>
    </message>
    <message>
        <source>Capaian kinerja organisasi</source>
        <translation>Organisation&apos;s performance</translation>
    </message>
    <message>
        <source>Catatan/rekomendasi</source>
        <translation>Notes/recommendations</translation>
    </message>
    <message>
        <source>Saran hasil kerja dari evaluasi periodik: {r}</source>
        <translation>Work results suggested by the periodic evaluations: {r}</translation>
    </message>
    <message>
        <source>Saran perilaku kerja dari evaluasi periodik: {r}</source>
        <translation>Work behaviour suggested by the periodic evaluations: {r}</translation>
    </message>
    <message>
        <source>Evaluasi periodik tahun ini</source>
        <translation>This year&apos;s periodic evaluations</translation>
    </message>
    <message>
        <source>perilaku ↓  hasil kerja →</source>
        <translation>behaviour ↓  work results →</translation>
    </message>
    <message>
        <source>— isi kedua rating —</source>
        <translation>— fill in both ratings —</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
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
    <name>RecapModel</name>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>RHK</source>
        <translation>RHK</translation>
    </message>
    <message>
        <source>Target periode</source>
        <translation>Period target</translation>
    </message>
    <message>
        <source>Realisasi</source>
        <translation>Realised</translation>
    </message>
    <message>
        <source>Capaian</source>
        <translation>Achieved</translation>
    </message>
    <message>
        <source>Belum direviu</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <source> (tambahan)</source>
        <translation> (additional)</translation>
    </message>
    <message>
        <source>{text}
Target setahun: {target} {unit}</source>
        <translation>{text}
Yearly target: {target} {unit}</translation>
    </message>
</context>
<context>
    <name>RecapTab</name>
    <message>
        <source>Ekspor CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Hari dan jam kerja</source>
        <translation>Days and hours</translation>
    </message>
    <message>
        <source>Sinyal kesejahteraan</source>
        <translation>Wellbeing signals</translation>
    </message>
    <message>
        <source>Setahun</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <source>Rekap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — {period}. SKP: {status}.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — {period}. SKP: {status}.</translation>
    </message>
    <message>
        <source>Hari tercatat: {days} dari {working} hari kerja</source>
        <translation>Days logged: {days} of {working} working days</translation>
    </message>
    <message>
        <source>Jam tercatat: {hours} jam (rata-rata {avg} jam per minggu)</source>
        <translation>Hours logged: {hours} (on average {avg} a week)</translation>
    </message>
    <message>
        <source>Di kantor: {onsite} hari; dari luar kantor: {remote} hari</source>
        <translation>In the office: {onsite} days; away from the office: {remote} days</translation>
    </message>
    <message>
        <source>Tidak ada sinyal: jam, hari istirahat dan keseimbangan kerja wajar.</source>
        <translation>No signals: hours, rest days and work balance look healthy.</translation>
    </message>
    <message>
        <source>Batas: {hours} jam/minggu, {days} hari berturut-turut, {share}% dari luar kantor.</source>
        <translation>Limits: {hours} h a week, {days} days in a row, {share}% away from the office.</translation>
    </message>
    <message>
        <source>Simpan rekap sebagai CSV</source>
        <translation>Save the recap as CSV</translation>
    </message>
    <message>
        <source>Berkas CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Ekspor CSV</source>
        <translation>Export CSV</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>Terima</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Terima entri terpilih (terkunci setelah diterima)</source>
        <translation>Accept the selected entries (locked once accepted)</translation>
    </message>
    <message>
        <source>Kembalikan</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Entri terpilih</source>
        <translation>Selected entry</translation>
    </message>
    <message>
        <source>RHK</source>
        <translation>RHK</translation>
    </message>
    <message>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Mode kerja</source>
        <translation>Work mode</translation>
    </message>
    <message>
        <source>Bukti dukung</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Catatan untuk pegawai (wajib bila dikembalikan)</source>
        <translation>Note for the employee (required to return)</translation>
    </message>
    <message>
        <source>Semua bawahan</source>
        <translation>All staff</translation>
    </message>
    <message>
        <source>{n} entri menunggu reviu</source>
        <translation>{n} entries waiting for review</translation>
    </message>
    <message>
        <source>{n} entri terpilih</source>
        <translation>{n} entries selected</translation>
    </message>
    <message>
        <source>jadwal: {mode}</source>
        <translation>schedule: {mode}</translation>
    </message>
</context>
<context>
    <name>RhkDialog</name>
    <message>
        <source>Ubah RHK</source>
        <translation>Edit RHK</translation>
    </message>
    <message>
        <source>Tambah RHK</source>
        <translation>Add RHK</translation>
    </message>
    <message>
        <source>Utama</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Tambahan</source>
        <translation>Additional</translation>
    </message>
    <message>
        <source>mis. Tersusunnya laporan pelayanan administrasi terpadu</source>
        <translation>e.g. Integrated administrative service reports prepared</translation>
    </message>
    <message>
        <source>(tidak mengintervensi RHK atasan)</source>
        <translation>(does not derive from a supervisor RHK)</translation>
    </message>
    <message>
        <source>SKP atasan tahun ini belum ada atau belum berisi RHK.</source>
        <translation>The supervisor&apos;s SKP for this year does not exist or has no RHK yet.</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Rumusan RHK *</source>
        <translation>RHK statement *</translation>
    </message>
    <message>
        <source>RHK atasan yang diintervensi</source>
        <translation>Supervisor RHK it derives from</translation>
    </message>
    <message>
        <source>Versi mereka dimuat; tidak ada yang disimpan.</source>
        <translation>Their version is loaded; nothing was saved.</translation>
    </message>
    <message>
        <source>Indikator kinerja individu dan target</source>
        <translation>Individual performance indicators and targets</translation>
    </message>
    <message>
        <source>Aspek</source>
        <translation>Aspect</translation>
    </message>
    <message>
        <source>Indikator</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Satuan</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kuantitas wajib diisi: output harian dijumlahkan terhadap targetnya. Target berlaku setahun; rekap membaginya per periode.</source>
        <translation>Quantity is required: daily outputs add up against its target. Targets are yearly; the recap divides them per period.</translation>
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
        <source>Hasil kerja sesuai standar tanpa revisi</source>
        <translation>Work meets the standard without revisions</translation>
    </message>
    <message>
        <source>Diselesaikan dalam tahun berjalan</source>
        <translation>Completed within the year</translation>
    </message>
    <message>
        <source>bulan</source>
        <translation>months</translation>
    </message>
</context>
<context>
    <name>RhkSection</name>
    <message>
        <source>SKP pegawai ini belum memuat RHK.</source>
        <translation>This employee&apos;s SKP has no RHK yet.</translation>
    </message>
    <message>
        <source>A. UTAMA</source>
        <translation>A. MAIN</translation>
    </message>
    <message>
        <source>B. TAMBAHAN</source>
        <translation>B. ADDITIONAL</translation>
    </message>
    <message>
        <source>Intervensi RHK atasan: {text}</source>
        <translation>Supervisor&apos;s RHK it supports: {text}</translation>
    </message>
    <message>
        <source>Aspek</source>
        <translation>Aspect</translation>
    </message>
    <message>
        <source>Indikator kinerja individu</source>
        <translation>Individual performance indicator</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Dari log</source>
        <translation>From logs</translation>
    </message>
    <message>
        <source>Realisasi</source>
        <translation>Realisation</translation>
    </message>
    <message>
        <source>Alasan perubahan</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <source>Dari log output yang diterima pada periode ini</source>
        <translation>From the output logs accepted in this period</translation>
    </message>
    <message>
        <source>Umpan balik</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Realisasi harus berupa angka, misalnya 12 atau 2,5.</source>
        <translation>The realisation must be a number, e.g. 12 or 2.5.</translation>
    </message>
    <message>
        <source>Alasan perubahan realisasi</source>
        <translation>Reason for changing the realisation</translation>
    </message>
    <message>
        <source>Realisasi “{what}” diubah dari {old} menjadi {new}. Tulis alasannya (misalnya bukti dukung yang belum tercatat di log); alasan ini disimpan.</source>
        <translation>The realisation of “{what}” changed from {old} to {new}. Write the reason (for example evidence not yet in the logs); the reason is saved.</translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>Ganti kunci tanda tangan</source>
        <translation>Replace the signing key</translation>
    </message>
    <message>
        <source>Frasa sandi kunci sekarang</source>
        <translation>Current key passphrase</translation>
    </message>
    <message>
        <source>Frasa sandi kunci baru</source>
        <translation>New key passphrase</translation>
    </message>
    <message>
        <source>Ulangi frasa sandi baru</source>
        <translation>Repeat the new passphrase</translation>
    </message>
    <message>
        <source>Ganti kunci</source>
        <translation>Replace key</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Masukkan frasa sandi kunci yang sekarang.</source>
        <translation>Enter the passphrase of the current key.</translation>
    </message>
</context>
<context>
    <name>ScheduleDialogs</name>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ScheduleGridModel</name>
    <message>
        <source>Tanpa unit kerja</source>
        <translation>No work unit</translation>
    </message>
    <message>
        <source>Di kantor</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>Status jadwal: {status}</source>
        <translation>Schedule status: {status}</translation>
    </message>
    <message>
        <source>Tidak boleh bekerja jarak jauh (WFH/WFA).</source>
        <translation>May not work remotely (WFH/WFA).</translation>
    </message>
    <message>
        <source>Pengecualian Pasal 13: {reason}</source>
        <translation>Article 13 exception: {reason}</translation>
    </message>
    <message>
        <source>kosong</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>Lokasi: {place}</source>
        <translation>Location: {place}</translation>
    </message>
    <message>
        <source>{hours} jam</source>
        <translation>{hours} hours</translation>
    </message>
    <message>
        <source>{n} di kantor (WFO)</source>
        <translation>{n} on site (WFO)</translation>
    </message>
    <message>
        <source>{n} belum dijadwalkan (dihitung di kantor)</source>
        <translation>{n} not yet planned (counted on site)</translation>
    </message>
    <message>
        <source>{n} WFH/WFA, {away} dinas luar, {absent} tidak masuk</source>
        <translation>{n} WFH/WFA, {away} on official travel, {absent} absent</translation>
    </message>
    <message>
        <source>Minimal di kantor: {n} orang</source>
        <translation>Minimum on site: {n} people</translation>
    </message>
</context>
<context>
    <name>ScheduleOutput</name>
    <message>
        <source>Simpan PDF jadwal</source>
        <translation>Save the schedule PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF jadwal tersimpan ({pages} halaman, {n} pegawai): {path}</source>
        <translation>Schedule PDF saved ({pages} pages, {n} employees): {path}</translation>
    </message>
    <message>
        <source>{n} pegawai belum disetujui dan tidak dicetak.</source>
        <translation>{n} employees are not approved yet and were not printed.</translation>
    </message>
    <message>
        <source>Mencetak jadwal</source>
        <translation>Printing the schedule</translation>
    </message>
    <message>
        <source>Simpan CSV jadwal</source>
        <translation>Save the schedule CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>CSV jadwal tersimpan ({n} baris): {path}</source>
        <translation>Schedule CSV saved ({n} lines): {path}</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Berkas tidak dapat ditulis: {why}</source>
        <translation>The file cannot be written: {why}</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>Jadwal</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Bulan sebelumnya</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>Bulan berikutnya</source>
        <translation>Next month</translation>
    </message>
    <message>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Bulan</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Minggu</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Salin minggu lalu</source>
        <translation>Copy last week</translation>
    </message>
    <message>
        <source>Salin jadwal minggu sebelumnya ke minggu sel yang dipilih</source>
        <translation>Copy the previous week&apos;s schedule onto the selected cell&apos;s week</translation>
    </message>
    <message>
        <source>Terapkan pola…</source>
        <translation>Apply a pattern…</translation>
    </message>
    <message>
        <source>Urungkan</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Urungkan (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Ulangi</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Ulangi (Ctrl+Y)</source>
        <translation>Redo (Ctrl+Y)</translation>
    </message>
    <message>
        <source>Cetak PDF…</source>
        <translation>Print PDF…</translation>
    </message>
    <message>
        <source>Ekspor CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>(W = O. Bingkai merah: kesalahan, jingga: peringatan. Baris &apos;Di kantor&apos;: jumlah WFO, +n belum dijadwalkan.)</source>
        <translation>(W = O. Red frame: error, orange: warning. &apos;On site&apos; row: WFO count, +n not yet planned.)</translation>
    </message>
    <message>
        <source>Semua unit</source>
        <translation>All units</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>Server kantor</source>
        <translation>Office server</translation>
    </message>
    <message>
        <source>Isi seperti pada catatan pemasangan server. Tekan Uji koneksi; Lanjut dapat ditekan setelah koneksi berhasil.</source>
        <translation>Fill in as on the server&apos;s installation notes. Press Test connection; Next can be pressed once the connection works.</translation>
    </message>
    <message>
        <source>mis. 192.168.1.10 atau nama komputer server</source>
        <translation>e.g. 192.168.1.10 or the server PC&apos;s name</translation>
    </message>
    <message>
        <source>&amp;Uji koneksi</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>Alamat dan kata sandi server disimpan di berkas {file} dalam folder data komputer ini, yang hanya dapat dibaca akun Windows/Linux Anda.</source>
        <translation>The server&apos;s address and password are stored in the file {file} in this PC&apos;s data folder, readable by your Windows/Linux account only.</translation>
    </message>
    <message>
        <source>Alamat server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Nama basis data</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>Nama pengguna</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Kata sandi</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Isi alamat server dulu.</source>
        <translation>Fill in the server address first.</translation>
    </message>
    <message>
        <source>Menghubungi server…</source>
        <translation>Contacting the server…</translation>
    </message>
    <message>
        <source>Basis data ini dibuat oleh FlexDesk versi yang lebih baru. Perbarui FlexDesk di komputer ini dulu; server tidak diubah.</source>
        <translation>This database was made by a newer FlexDesk. Update FlexDesk on this PC first; the server was not changed.</translation>
    </message>
    <message>
        <source>Koneksi gagal.</source>
        <translation>Connection failed.</translation>
    </message>
    <message>
        <source>Server terhubung: {where} (PostgreSQL {version}).</source>
        <translation>Server reached: {where} (PostgreSQL {version}).</translation>
    </message>
    <message>
        <source>Basis data masih kosong: FlexDesk membuat tabelnya, lalu Anda mengisi profil kantor dan admin pertama.</source>
        <translation>The database is still empty: FlexDesk creates its tables, then you fill in the office profile and the first admin.</translation>
    </message>
    <message>
        <source>Basis data dibuat oleh FlexDesk versi lama dan diperbarui saat komputer ini membukanya (ambil cadangan pg_dump dulu).</source>
        <translation>The database was made by an older FlexDesk and is upgraded when this PC opens it (take a pg_dump backup first).</translation>
    </message>
    <message>
        <source>Basis data FlexDesk dengan skema terbaru.</source>
        <translation>A FlexDesk database with the current schema.</translation>
    </message>
    <message>
        <source>Kantor «{office}» sudah dipasang di server ini: tekan Selesai, lalu masuk dengan akun Anda (tidak dibuat kantor kedua).</source>
        <translation>The office «{office}» is already set up on this server: press Finish, then sign in with your account (no second office is created).</translation>
    </message>
    <message>
        <source>Belum ada kantor: lanjut ke profil kantor dan admin pertama.</source>
        <translation>No office yet: go on to the office profile and the first admin.</translation>
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
    <name>SkpTab</name>
    <message>
        <source>Pegawai</source>
        <translation>Employee</translation>
    </message>
    <message>
        <source>SKP</source>
        <translation>SKP</translation>
    </message>
    <message>
        <source>Buat SKP</source>
        <translation>Create SKP</translation>
    </message>
    <message>
        <source>Salin dari tahun lalu</source>
        <translation>Copy from last year</translation>
    </message>
    <message>
        <source>Tahun</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Periode evaluasi</source>
        <translation>Evaluation period</translation>
    </message>
    <message>
        <source>RHK / indikator</source>
        <translation>RHK / indicator</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>RHK atasan (intervensi)</source>
        <translation>Supervisor RHK (derived from)</translation>
    </message>
    <message>
        <source>Tambah RHK</source>
        <translation>Add RHK</translation>
    </message>
    <message>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Hapus</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Naik</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Turun</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Ajukan ke atasan</source>
        <translation>Submit to supervisor</translation>
    </message>
    <message>
        <source>Tarik kembali</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>Catatan untuk pegawai (wajib bila dikembalikan)</source>
        <translation>Note for the employee (required to return)</translation>
    </message>
    <message>
        <source>Setujui</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Kembalikan</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Buka kembali untuk revisi</source>
        <translation>Reopen for revision</translation>
    </message>
    <message>
        <source>Belum ada SKP untuk tahun {year}.</source>
        <translation>No SKP for {year} yet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; — status: {status}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; — status: {status}</translation>
    </message>
    <message>
        <source> (disetujui {date}{by})</source>
        <translation> (approved {date}{by})</translation>
    </message>
    <message>
        <source>Catatan atasan: {note}</source>
        <translation>Supervisor&apos;s note: {note}</translation>
    </message>
    <message>
        <source>tambahan</source>
        <translation>additional</translation>
    </message>
    <message>
        <source>{n} RHK disalin dari SKP {year}; {dropped} tautan ke RHK atasan perlu dipilih ulang.</source>
        <translation>{n} RHK copied from the {year} SKP; {dropped} links to supervisor RHK need choosing again.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sinkronisasi</source>
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
        <source>{n} perubahan belum diterima pusat; paket berikut nomor {seq}.</source>
        <translation>{n} changes not yet acknowledged by central; the next bundle is number {seq}.</translation>
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
        <source>Pilih folder atau flashdisk untuk paket penggantian kunci</source>
        <translation>Choose a folder or USB drive for the key replacement bundle</translation>
    </message>
    <message>
        <source>Kunci baru akan dibuat dengan frasa sandi baru. Paket berisi perubahan terbaru dan pengumuman kunci baru, ditandatangani kunci lama, ditulis ke {folder}. Bawa paket ini ke kantor pusat sebelum paket berikutnya; paket berikutnya ditandatangani kunci baru.</source>
        <translation>A new key will be created with a new passphrase. A bundle with the latest changes and the announcement of the new key, signed by the old key, is written to {folder}. Take this bundle to the central office before the next one; the next bundle is signed by the new key.</translation>
    </message>
    <message>
        <source>Mengganti kunci…</source>
        <translation>Replacing the key…</translation>
    </message>
    <message>
        <source>Kunci diganti</source>
        <translation>Key replaced</translation>
    </message>
    <message>
        <source>Kunci baru: {fp}

Paket {seq} (pengumuman kunci baru, ditandatangani kunci lama) ditulis ke {folder} dan sudah diperiksa. Bawa ke kantor pusat sebelum paket berikutnya, dan bacakan sidik jari baru ini kepada mereka.</source>
        <translation>New key: {fp}

Bundle {seq} (announcing the new key, signed by the old key) was written to {folder} and checked. Take it to the central office before the next bundle, and read this new fingerprint out to them.</translation>
    </message>
    <message>
        <source>Penggantian kunci dibatalkan</source>
        <translation>Key replacement cancelled</translation>
    </message>
    <message>
        <source>Dibatalkan; kunci lama tetap berlaku dan tidak ada berkas tertinggal.</source>
        <translation>Cancelled; the old key stays in use and no files were left behind.</translation>
    </message>
    <message>
        <source>Penggantian kunci gagal</source>
        <translation>Key replacement failed</translation>
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
    <name>ViolationsPanel</name>
    <message>
        <source>Pelanggaran aturan</source>
        <translation>Rule violations</translation>
    </message>
    <message>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Kesalahan saja</source>
        <translation>Errors only</translation>
    </message>
    <message>
        <source>Peringatan saja</source>
        <translation>Warnings only</translation>
    </message>
    <message>
        <source>Tidak ada pelanggaran.</source>
        <translation>No violations.</translation>
    </message>
    <message>
        <source>{errors} kesalahan, {warnings} peringatan</source>
        <translation>{errors} errors, {warnings} warnings</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <source>Minggu mulai</source>
        <translation>Week of</translation>
    </message>
    <message>
        <source>Jam tercatat</source>
        <translation>Hours logged</translation>
    </message>
</context>
<context>
    <name>_IndicatorRow</name>
    <message>
        <source>Realisasi: {what}</source>
        <translation>Realisation: {what}</translation>
    </message>
    <message>
        <source>alasan bila realisasi diubah</source>
        <translation>reason if the realisation is changed</translation>
    </message>
    <message>
        <source>Alasan perubahan realisasi</source>
        <translation>Reason for changing the realisation</translation>
    </message>
</context>
</TS>
