"""Who may do what: the permission matrix, checked in services (never only in the UI).

The matrix is data (role -> actions) so it can be printed in docs/permissions.md and tested
exhaustively. Rules that depend on the target record ("an employee may edit only their own
record", "a supervisor reviews only their own staff") are checked by the service on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flexdesk.errors import PermissionDenied


class Role(StrEnum):
    """An account's role: admin (kepegawaian clerk), supervisor (atasan langsung, the Pejabat Penilai Kinerja), employee."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"  # atasan langsung / Pejabat Penilai Kinerja
    EMPLOYEE = "employee"

    @property
    def label_id(self) -> str:
        return {"admin": "Admin", "supervisor": "Atasan", "employee": "Pegawai"}[self.value]

    @property
    def label_en(self) -> str:
        return {"admin": "Admin", "supervisor": "Supervisor", "employee": "Employee"}[self.value]


class Action(StrEnum):
    """Everything a service may be asked to do; PERMISSIONS says which role may."""

    OFFICE_VIEW = "office.view"
    OFFICE_EDIT = "office.edit"
    UNIT_MANAGE = "unit.manage"
    EMPLOYEE_VIEW = "employee.view"
    EMPLOYEE_CREATE = "employee.create"
    EMPLOYEE_EDIT_ANY = "employee.edit_any"
    EMPLOYEE_EDIT_SELF = "employee.edit_self"
    USER_MANAGE = "user.manage"
    SETTINGS_EDIT = "settings.edit"
    SKP_VIEW = "skp.view"
    SKP_EDIT = "skp.edit"
    SKP_APPROVE = "skp.approve"
    OUTPUT_VIEW = "output.view"
    OUTPUT_LOG = "output.log"
    OUTPUT_REVIEW = "output.review"
    ATTACHMENT_CLEANUP = "attachment.cleanup"
    SCHEDULE_VIEW = "schedule.view"
    SCHEDULE_EDIT = "schedule.edit"
    SCHEDULE_APPROVE = "schedule.approve"
    SCHEDULE_POLICY = "schedule.policy"
    CALENDAR_MANAGE = "calendar.manage"
    AUDIT_VIEW = "audit.view"
    BACKUP_MANAGE = "backup.manage"
    SYNC_KEYS = "sync.keys"
    SYNC_EXPORT = "sync.export"
    SYNC_RECEIPTS = "sync.receipts"
    EVALUATION_VIEW = "evaluation.view"
    EVALUATION_RATE = "evaluation.rate"
    EVALUATION_COMMENT = "evaluation.comment"
    EVALUATION_FINALISE = "evaluation.finalise"
    EVALUATION_REOPEN = "evaluation.reopen"
    EVALUATION_PRINT = "evaluation.print"
    EVALUATION_DISTRIBUTION = "evaluation.distribution"


_ALL = frozenset(Action)
#: everyone keeps an SKP and a daily output log of their own
_OWN_PERFORMANCE = frozenset(
    {Action.SKP_VIEW, Action.SKP_EDIT, Action.OUTPUT_VIEW, Action.OUTPUT_LOG}
)
#: everyone plans their own flexible-work schedule and sees the office's
_OWN_SCHEDULE = frozenset({Action.SCHEDULE_VIEW, Action.SCHEDULE_EDIT})
#: everyone is evaluated: sees their own evaluation once shared, comments on it, prints it
_OWN_EVALUATION = frozenset(
    {Action.EVALUATION_VIEW, Action.EVALUATION_COMMENT, Action.EVALUATION_PRINT}
)
#: the Pejabat Penilai Kinerja rates their direct staff (record-level check in the service)
_RATE_EVALUATION = frozenset(
    {
        Action.EVALUATION_RATE,
        Action.EVALUATION_FINALISE,
        Action.EVALUATION_REOPEN,
        Action.EVALUATION_DISTRIBUTION,
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.ADMIN: _ALL,
    Role.SUPERVISOR: frozenset(
        {Action.OFFICE_VIEW, Action.EMPLOYEE_VIEW, Action.EMPLOYEE_EDIT_SELF}
        | _OWN_PERFORMANCE
        | {Action.SKP_APPROVE, Action.OUTPUT_REVIEW}
        | _OWN_SCHEDULE
        | {Action.SCHEDULE_APPROVE}
        | _OWN_EVALUATION
        | _RATE_EVALUATION
    ),
    Role.EMPLOYEE: frozenset(
        {Action.OFFICE_VIEW, Action.EMPLOYEE_VIEW, Action.EMPLOYEE_EDIT_SELF}
        | _OWN_PERFORMANCE
        | _OWN_SCHEDULE
        | _OWN_EVALUATION
    ),
}

_ACTION_TEXT: dict[Action, tuple[str, str]] = {
    Action.OFFICE_VIEW: ("melihat profil kantor", "view the office profile"),
    Action.OFFICE_EDIT: ("mengubah profil kantor", "edit the office profile"),
    Action.UNIT_MANAGE: ("mengelola unit kerja", "manage work units"),
    Action.EMPLOYEE_VIEW: ("melihat data pegawai", "view employees"),
    Action.EMPLOYEE_CREATE: ("menambah pegawai", "add employees"),
    Action.EMPLOYEE_EDIT_ANY: ("mengubah data pegawai lain", "edit other employees"),
    Action.EMPLOYEE_EDIT_SELF: ("mengubah data diri", "edit your own record"),
    Action.USER_MANAGE: ("mengelola akun pengguna", "manage user accounts"),
    Action.SETTINGS_EDIT: ("mengubah pengaturan kantor", "change office settings"),
    Action.SKP_VIEW: ("melihat SKP", "view SKPs"),
    Action.SKP_EDIT: ("menyusun SKP", "draft SKPs"),
    Action.SKP_APPROVE: ("menyetujui SKP bawahan", "approve staff SKPs"),
    Action.OUTPUT_VIEW: ("melihat log output dan rekap", "view output logs and recaps"),
    Action.OUTPUT_LOG: ("mencatat log output", "log outputs"),
    Action.OUTPUT_REVIEW: ("mereviu log output bawahan", "review staff output logs"),
    Action.ATTACHMENT_CLEANUP: (
        "membersihkan berkas bukti yang tidak terpakai",
        "clean up unused evidence files",
    ),
    Action.SCHEDULE_VIEW: ("melihat jadwal kerja", "view work schedules"),
    Action.SCHEDULE_EDIT: ("menyusun jadwal kerja", "draft work schedules"),
    Action.SCHEDULE_APPROVE: ("menyetujui jadwal kerja bawahan", "approve staff schedules"),
    Action.SCHEDULE_POLICY: (
        "mengubah kebijakan kerja fleksibel",
        "change the flexible-work policy",
    ),
    Action.CALENDAR_MANAGE: ("mengelola kalender hari libur", "manage the holiday calendar"),
    Action.AUDIT_VIEW: ("melihat dan memeriksa jejak audit", "view and verify the audit trail"),
    Action.BACKUP_MANAGE: (
        "membuat dan memulihkan cadangan data",
        "create and restore backups",
    ),
    Action.SYNC_KEYS: (
        "mengelola kunci tanda tangan kantor dan kunci pusat",
        "manage the office signing key and the central key",
    ),
    Action.SYNC_EXPORT: (
        "mengekspor paket sinkronisasi dan melihat riwayatnya",
        "export sync bundles and view their history",
    ),
    Action.SYNC_RECEIPTS: (
        "mengimpor tanda terima kantor pusat",
        "import receipts from central",
    ),
    Action.EVALUATION_VIEW: ("melihat evaluasi kinerja", "view performance evaluations"),
    Action.EVALUATION_RATE: (
        "menilai kinerja bawahan",
        "rate staff performance",
    ),
    Action.EVALUATION_COMMENT: (
        "memberi tanggapan atas evaluasi kinerja",
        "comment on a performance evaluation",
    ),
    Action.EVALUATION_FINALISE: (
        "menetapkan evaluasi kinerja bawahan",
        "finalise staff evaluations",
    ),
    Action.EVALUATION_REOPEN: (
        "membuka kembali evaluasi kinerja yang sudah ditetapkan",
        "reopen finalised evaluations",
    ),
    Action.EVALUATION_PRINT: ("mencetak formulir evaluasi kinerja", "print evaluation forms"),
    Action.EVALUATION_DISTRIBUTION: (
        "melihat sebaran predikat kinerja unit",
        "view the predikat distribution of a unit",
    ),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person on whose behalf a service runs."""

    user_id: str
    username: str
    role: Role
    employee_id: str | None = None
    display_name: str = ""
    #: False for an identity that is not an account in the users table (the command line's
    #: console actor): ``services.app.Services`` then does not re-check it on every call
    account: bool = True

    def can(self, action: Action) -> bool:
        """True when this actor's role allows ``action``."""
        return action in PERMISSIONS[self.role]


def require(actor: Actor, action: Action) -> None:
    """Raise PermissionDenied unless the actor's role allows ``action``."""
    if not actor.can(action):
        text_id, text_en = _ACTION_TEXT[action]
        raise PermissionDenied(
            f"Peran {actor.role.label_id} tidak berwenang {text_id}. "
            "Minta admin kantor bila perlu.",
            message_en=f"The {actor.role.label_en} role may not {text_en}. Ask the office admin.",
        )


def matrix_markdown() -> str:
    """The permission matrix as a Markdown table (docs/permissions.md is checked against it)."""
    roles = list(Role)
    lines = [
        "| action | " + " | ".join(r.label_en for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = ["yes" if action in PERMISSIONS[r] else "—" for r in roles]
        lines.append(
            f"| `{action.value}` ({_ACTION_TEXT[action][1]}) | " + " | ".join(cells) + " |"
        )
    return "\n".join(lines) + "\n"
