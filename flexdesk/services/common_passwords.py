"""Passwords too common to accept, whatever their length.

A short list, not a breach corpus: the passwords people in Indonesian offices are most likely
to choose first (the top of the public "most common passwords" lists, keyboard runs, and
Indonesian words and phrases that show up in those lists), so a guesser trying the obvious ones
within the lockout budget (``auth.MAX_FAILED_ATTEMPTS`` tries per ``auth.LOCKOUT_MINUTES``)
finds nothing. Compared case-insensitively; a password made of one repeated character or a
plain run of digits or letters is refused as well (``is_common``).
"""

from __future__ import annotations

import itertools

COMMON_PASSWORDS: frozenset[str] = frozenset(
    [
        "1234567890",
        "12345678910",
        "0987654321",
        "1122334455",
        "1234512345",
        "1111111111",
        "0000000000",
        "1234567891",
        "123456789a",
        "a123456789",
        "1q2w3e4r5t",
        "qwertyuiop",
        "asdfghjkl;",
        "zxcvbnm123",
        "qwerty1234",
        "qwerty12345",
        "1qaz2wsx3edc",
        "qazwsxedc123",
        "password12",
        "password123",
        "password1!",
        "passw0rd12",
        "p@ssw0rd12",
        "p@ssword123",
        "iloveyou12",
        "iloveyou123",
        "abcdefghij",
        "abc1234567",
        "abcd123456",
        "admin12345",
        "admin123456",
        "administrator",
        "adminadmin",
        "superadmin",
        "letmein123",
        "welcome123",
        "welcome2026",
        "changeme12",
        "katasandi",
        "katasandi1",
        "katasandi123",
        "katasandi12",
        "rahasia123",
        "rahasiaku",
        "rahasia1234",
        "sandi12345",
        "bismillah",
        "bismillah1",
        "bismillah123",
        "alhamdulillah",
        "indonesia",
        "indonesia1",
        "indonesia123",
        "indonesia45",
        "merdeka45",
        "merdeka1945",
        "sayangku",
        "sayangku123",
        "sayang1234",
        "cintaku123",
        "aku1234567",
        "jakarta123",
        "surabaya123",
        "bandung123",
        "garuda1945",
        "pancasila",
        "pancasila45",
        "asn1234567",
        "pegawai123",
        "kantor1234",
        "kecamatan1",
        "kecamatan123",
        "puskesmas1",
        "puskesmas123",
        "flexdesk12",
        "flexdesk123",
        "flexdesk2026",
        "football12",
        "baseball12",
        "dragon1234",
        "monkey1234",
        "sunshine12",
        "princess12",
        "starwars12",
        "trustno1234",
        "computer12",
        "internet12",
        "master1234",
        "shadow1234",
        "michael123",
        "whatever12",
        "freedom123",
    ]
)


def _is_run(text: str) -> bool:
    """One character repeated, or consecutive characters going up or down ("3456789012")."""
    if len(set(text)) == 1:
        return True
    steps = {
        (ord(b) - ord(a)) % 10 if text.isdigit() else ord(b) - ord(a)
        for a, b in itertools.pairwise(text)
    }
    return len(steps) == 1 and steps <= {1, -1, 9}


def is_common(password: str) -> bool:
    """Whether ``password`` is on the list, a repeated character or a plain run."""
    folded = password.casefold()
    return folded in COMMON_PASSWORDS or _is_run(folded)
