"""Where a run of cramp begins, as the command line said it. No UI imports: plain mode reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.values import frozen

if TYPE_CHECKING:  # the content layer is not needed for Home's first frame
    from tui.content.models import Context


@frozen
class Start:
    """`cramp now`: the site if known, and what the person already told us. `cramp read`: a page."""

    site: str | None = None
    ctx: Context | None = None
    page: str | None = None
