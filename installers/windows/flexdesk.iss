; Inno Setup 6 script: FlexDesk installer for Windows (x64).
;
; Build on Windows (see docs/installing.md):
;   py installers\build_windows.py   (dist\windows\flexdesk, then this script with ISCC)
; or by hand: iscc /DAppVersion=0.1.0 installers\windows\flexdesk.iss
; Output: dist\windows\flexdesk-<version>-setup.exe from build_windows.py (it passes /O),
; installers\windows\Output\ when compiled by hand
;
; Decisions, so a reviewer does not have to guess:
; - Per-user install by default (PrivilegesRequired=lowest): office PCs are often locked down
;   and the person installing from a USB stick has no administrator password. An administrator
;   can still choose "install for all users" (the override dialog, or /ALLUSERS on the command
;   line). {autopf}, {autoprograms} and {autodesktop} follow that choice.
; - No file association: a sync bundle is three ordinary files (<office>-<seq>.zip,
;   .envelope.json and .envelope.json.sig, see docs/bundle-format.md). Claiming .zip or .json
;   for FlexDesk would break Explorer for everything else; bundles are opened from inside the app.
; - The user's data (%LOCALAPPDATA%\FlexDesk: database, backups, attachments, signing keys,
;   logs) is never inside {app}. Uninstalling keeps it unless the user says yes to a question
;   whose default answer is No; a silent uninstall never deletes it.
; - Indonesian wizard text comes from installers\windows\Indonesian.isl (ours, see its header);
;   strings it does not override fall back to English.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "FlexDesk"
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install and C:\Program Files for all users.
; Wine 8 cannot expand {autopf} per user (no FOLDERID_UserProgramFiles): DefaultInstallDir in
; [Code] then takes %LOCALAPPDATA%\Programs, the folder Windows itself uses, so one setup.exe
; works on Windows and in the CI's Wine check. /DInstallDir=... overrides it.
#ifndef InstallDir
  #define InstallDir "{code:DefaultInstallDir}"
#endif
; lzma2/max: ~45 MiB for the ~140 MiB folder, 1.5-3 minutes on two cores
#ifndef Compression
  #define Compression "lzma2/max"
#endif
#define AppExe "flexdesk.exe"
#define Root "..\.."
; the one-dir build installers/build_windows.py makes (it passes the absolute path)
#ifndef AppDir
  #define AppDir Root + "\dist\windows\flexdesk"
#endif

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6F6C8A4E-3D0F-4B7E-9A51-0C1B6AD3F2A1}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=FlexDesk team
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
DefaultDirName={#InstallDir}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=Output
OutputBaseFilename=flexdesk-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\flexdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression={#Compression}
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; replacing files of a running FlexDesk would fail half-way: ask to close it first
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Default.isl,Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DemoShortcut=FlexDesk demo office
indonesian.DemoShortcut=FlexDesk kantor demo
english.DeleteDataQuestion=Also delete FlexDesk's data on this PC (database, backups, attachments, signing keys) in%n%1?%n%nChoose No to keep it for a later reinstall. Deleted data cannot be recovered.
indonesian.DeleteDataQuestion=Hapus juga data FlexDesk di PC ini (basis data, cadangan, lampiran, kunci tanda tangan) di%n%1?%n%nPilih Tidak untuk menyimpannya bagi instalasi berikutnya. Data yang dihapus tidak dapat dikembalikan.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade must not keep libraries the new build no longer ships (PyInstaller layouts change)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:DemoShortcut}"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DefaultInstallDir(Param: String): String;
begin
  try
    Result := ExpandConstant('{autopf}\{#AppName}');
  except
    { only under Wine 8, per user: Windows 10/11 always expand it, to this same folder }
    Result := ExpandConstant('{localappdata}\Programs\{#AppName}');
  end;
end;

function DataDir(): String;
begin
  { platformdirs.user_data_dir("FlexDesk", appauthor=False) on Windows; logs and the
    translation cache live below it as well }
  Result := ExpandConstant('{localappdata}\FlexDesk');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) and DirExists(DataDir()) then
  begin
    if MsgBox(FmtMessage(CustomMessage('DeleteDataQuestion'), [DataDir()]),
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(DataDir(), True, True, True);
  end;
end;
