; Indonesian messages for the FlexDesk installer (Inno Setup 6), written for FlexDesk.
;
; Inno Setup ships no official Indonesian translation. This file overrides the messages an
; office user actually sees on the way through FlexDesk's wizard and uninstaller; anything not
; listed falls back to English (flexdesk.iss loads "compiler:Default.isl,Indonesian.isl").
; %1, %2 and %n are Inno Setup placeholders (program name, path, line break): keep them.

[LangOptions]
LanguageName=Bahasa Indonesia
LanguageID=$0421
LanguageCodePage=0

[Messages]
SetupAppTitle=Instalasi
SetupWindowTitle=Instalasi - %1
UninstallAppTitle=Hapus Instalasi
UninstallAppFullTitle=Hapus Instalasi %1
ButtonBack=< &Kembali
ButtonNext=&Lanjut >
ButtonInstall=&Pasang
ButtonOK=OK
ButtonCancel=Batal
ButtonYes=&Ya
ButtonYesToAll=Ya untuk &Semua
ButtonNo=&Tidak
ButtonNoToAll=T&idak untuk Semua
ButtonFinish=&Selesai
ButtonBrowse=&Telusuri...
ButtonWizardBrowse=T&elusuri...
ButtonNewFolder=&Buat Folder Baru
SelectLanguageTitle=Pilih Bahasa Instalasi
SelectLanguageLabel=Pilih bahasa yang dipakai selama instalasi.
ExitSetupTitle=Keluar dari Instalasi
ExitSetupMessage=Instalasi belum selesai. Jika keluar sekarang, program tidak terpasang.%n%nAnda dapat menjalankan instalasi lagi nanti.%n%nKeluar dari instalasi?
PrivilegesRequiredOverrideTitle=Pilih Mode Instalasi
PrivilegesRequiredOverrideInstruction=Pilih mode instalasi
PrivilegesRequiredOverrideText1=%1 dapat dipasang untuk semua pengguna (perlu hak administrator) atau hanya untuk Anda.
PrivilegesRequiredOverrideText2=%1 dapat dipasang hanya untuk Anda atau untuk semua pengguna (perlu hak administrator).
PrivilegesRequiredOverrideAllUsers=Pasang untuk &semua pengguna
PrivilegesRequiredOverrideAllUsersRecommended=Pasang untuk &semua pengguna (disarankan)
PrivilegesRequiredOverrideCurrentUser=Pasang hanya untuk &saya
PrivilegesRequiredOverrideCurrentUserRecommended=Pasang hanya untuk &saya (disarankan)
WelcomeLabel1=Selamat datang di instalasi [name]
WelcomeLabel2=Program ini akan memasang [name/ver] di komputer Anda.%n%nSebaiknya tutup aplikasi lain sebelum melanjutkan.
WizardSelectDir=Pilih Lokasi Tujuan
SelectDirDesc=Di mana [name] akan dipasang?
SelectDirLabel3=[name] akan dipasang di folder berikut.
SelectDirBrowseLabel=Klik Lanjut untuk meneruskan. Untuk memilih folder lain, klik Telusuri.
WizardSelectTasks=Pilih Tugas Tambahan
SelectTasksDesc=Tugas tambahan apa yang perlu dijalankan?
SelectTasksLabel2=Pilih tugas tambahan yang perlu dijalankan saat memasang [name], lalu klik Lanjut.
WizardReady=Siap Memasang
ReadyLabel1=[name] siap dipasang di komputer Anda.
ReadyLabel2a=Klik Pasang untuk memulai, atau Kembali untuk meninjau atau mengubah pengaturan.
WizardInstalling=Memasang
InstallingLabel=Tunggu sebentar, [name] sedang dipasang di komputer Anda.
FinishedHeadingLabel=Instalasi [name] selesai
FinishedLabelNoIcons=[name] sudah terpasang di komputer Anda.
FinishedLabel=[name] sudah terpasang di komputer Anda. Buka aplikasi lewat pintasan yang dibuat.
ClickFinish=Klik Selesai untuk menutup instalasi.
ConfirmUninstall=Yakin ingin menghapus %1 beserta semua komponennya?
UninstallStatusLabel=Tunggu sebentar, %1 sedang dihapus dari komputer Anda.
UninstalledAll=%1 berhasil dihapus dari komputer Anda.
UninstalledAndNeedsRestart=Untuk menyelesaikan penghapusan %1, komputer harus dimulai ulang.%n%nMulai ulang sekarang?

; uninstaller progress page, and what setup shows while copying or when FlexDesk is still open
WizardUninstalling=Status Penghapusan
StatusUninstalling=Menghapus %1...
UninstalledMost=Penghapusan %1 selesai.%n%nBeberapa bagian tidak dapat dihapus; bagian itu dapat dihapus sendiri.
UninstallAppRunningError=%1 masih terbuka.%n%nTutup semua jendela %1, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
SetupAppRunningError=%1 masih terbuka.%n%nTutup semua jendela %1, lalu klik OK untuk melanjutkan, atau Batal untuk keluar.
ConfirmTitle=Konfirmasi
ErrorTitle=Galat
WindowsVersionNotSupported=Program ini tidak mendukung versi Windows di komputer ini.
WinVersionTooLowError=Program ini memerlukan %1 versi %2 atau yang lebih baru.
DiskSpaceMBLabel=Perlu ruang kosong di disk sekurang-kurangnya [mb] MB.
DiskSpaceGBLabel=Perlu ruang kosong di disk sekurang-kurangnya [gb] GB.
ReadyMemoDir=Lokasi tujuan:
ReadyMemoTasks=Tugas tambahan:
DirExistsTitle=Folder Sudah Ada
DirExists=Folder:%n%n%1%n%nsudah ada. Tetap pasang di folder itu?
WizardPreparing=Bersiap Memasang
PreparingDesc=Instalasi sedang bersiap memasang [name] di komputer Anda.
ApplicationsFound=Aplikasi berikut memakai berkas yang perlu diperbarui. Sebaiknya biarkan instalasi menutupnya secara otomatis.
ApplicationsFound2=Aplikasi berikut memakai berkas yang perlu diperbarui. Sebaiknya biarkan instalasi menutupnya secara otomatis. Setelah instalasi selesai, aplikasi itu akan dicoba dibuka kembali.
CloseApplications=&Tutup aplikasi secara otomatis
DontCloseApplications=&Jangan tutup aplikasi
ErrorCloseApplications=Instalasi tidak dapat menutup semua aplikasi secara otomatis. Tutup sendiri aplikasi yang memakai berkas yang perlu diperbarui sebelum melanjutkan.
StatusClosingApplications=Menutup aplikasi...
StatusCreateDirs=Membuat folder...
StatusExtractFiles=Menyalin berkas...
StatusCreateIcons=Membuat pintasan...
StatusCreateRegistryEntries=Menulis entri registri...
StatusSavingUninstall=Menyimpan informasi penghapusan...
StatusRunProgram=Menyelesaikan instalasi...
StatusRollback=Membatalkan perubahan...

[CustomMessages]
CreateDesktopIcon=Buat pintasan di &desktop
AdditionalIcons=Pintasan tambahan:
LaunchProgram=Buka %1
