"""How a check's reply looks: colour as well as icon and word, wrapped at word boundaries, readable anywhere.

In a notebook the reply is an HTML box (a coloured bar, an icon and a word: Correct / Not yet / Saved for
your teacher / Not answered yet / Could not check) with a plain-text version for anything that cannot
show HTML. Outside a notebook it is printed as plain text wrapped at 88 characters; where the terminal
cannot print the icons (a strict ASCII console), the words stand alone.

>>> print(plain_text("correct", "Exercise 3.1", "Well done.", ascii_only=True))
[Correct] Exercise 3.1: Well done.
"""

from __future__ import annotations

import sys
import textwrap
from html import escape

__all__ = ["STATUS", "plain_text", "html_box", "show"]

# status -> (icon, word, colour of the bar, background)
STATUS: dict[str, tuple[str, str, str, str]] = {
    "correct": ("✅", "Correct", "#1A7F37", "#E9F7EC"),
    "incorrect": ("❌", "Not yet", "#B35900", "#FFF4E5"),
    "saved": ("✍️", "Saved for your teacher", "#0072B2", "#E8F2FA"),
    "unanswered": ("✏️", "Not answered yet", "#6E6E6E", "#F3F3F3"),
    "error": ("⚠️", "Could not check", "#8E2C88", "#F8ECF7"),
    "hint": ("💡", "Hint", "#6E6E6E", "#F7F7F7"),
    "info": ("💡", "Note", "#6E6E6E", "#F7F7F7"),
}


def plain_text(status: str, title: str, message: str, *, width: int = 88, ascii_only: bool = False) -> str:
    """The reply as plain text: icon (or [Word] in ASCII), title and message, wrapped at word boundaries."""
    icon, word, _, _ = STATUS.get(status, STATUS["info"])
    head = f"[{word}]" if ascii_only else f"{icon} {word}:"
    lines = []
    for n, paragraph in enumerate(message.split("\n")):
        first = f"{head} {title}: {paragraph}" if n == 0 and title else (f"{head} {paragraph}" if n == 0 else paragraph)
        if ascii_only:
            first = first.encode("ascii", "replace").decode("ascii")
        lines.append(textwrap.fill(first, width=width, subsequent_indent="   ", break_long_words=False,
                                   break_on_hyphens=False))
    return "\n".join(lines)


def html_box(status: str, title: str, message: str) -> str:
    """The reply as an HTML box: a coloured bar on the left, icon and word in bold, then the message."""
    icon, word, colour, background = STATUS.get(status, STATUS["info"])
    body = "<br>".join(escape(p) for p in message.split("\n"))
    heading = f"{icon} {word}" + (f" · {escape(title)}" if title else "")
    return (f'<div style="border-left:6px solid {colour};background:{background};padding:6px 10px;'
            f'margin:2px 0;max-width:860px;font-family:inherit;line-height:1.45;color:#1F1F1F">'
            f'<b style="color:{colour}">{heading}</b><br>{body}</div>')


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def show(status: str, title: str, message: str) -> None:
    """Show a reply: an HTML box (with its text version) in a notebook, wrapped text elsewhere; never raises."""
    if _in_notebook():
        try:
            from IPython.display import display

            display({"text/html": html_box(status, title, message),
                     "text/plain": plain_text(status, title, message)}, raw=True)
            return
        except Exception:  # fall back to printing
            pass
    text = plain_text(status, title, message)
    try:
        print(text)
    except UnicodeEncodeError:  # a console that cannot print the icons
        print(plain_text(status, title, message, ascii_only=True))
    except Exception:
        try:
            sys.__stdout__.write(plain_text(status, title, message, ascii_only=True) + "\n")
        except Exception:
            pass
