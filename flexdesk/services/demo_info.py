"""What the demo office's generators share: the accounts' password and the summary of what was
made. Apart from ``services.demo`` so that each capability's demo module can use it while
``services.demo`` imports them (no import circle), and so the GUI's start-up can read the
password without loading the generators."""

from __future__ import annotations

from dataclasses import dataclass, field

DEMO_PASSWORD = "demo123456"


@dataclass
class DemoInfo:
    """The demo office just created: its code and the accounts a person can sign in with."""

    office_code: str
    admin_username: str
    password: str
    supervisor_usernames: list[str] = field(default_factory=list)
    employee_usernames: list[str] = field(default_factory=list)
    employee_count: int = 0
