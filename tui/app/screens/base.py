"""What every cramp screen shares: a notice, instead of a broken layout, when the terminal is
too small to use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, getters
from textual.geometry import Size
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

    from tui.app.app import CrampApp

    # A type checker sees the mixin as the Screen it is always mixed into (for self.mount, and
    # so its _on_mount and app match Screen's); at run time it stays a plain class.
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

MIN_WIDTH, MIN_HEIGHT = 40, 12


class TooSmall(Static):
    """Covers the screen below the minimum size; the CSS shows it via the breakpoint classes."""

    def __init__(self) -> None:
        super().__init__(
            f"This window is too small for cramp.\nMake it at least {MIN_WIDTH} columns by "
            f"{MIN_HEIGHT} rows.\nOr run: cramp --plain",
            id="too-small",
            markup=False,
        )


def _cramp_app() -> type[CrampApp]:
    from tui.app.app import CrampApp

    return CrampApp


class SizeGuard(_ScreenBase):
    """Mixed into every Screen. Textual runs each class's mount handler, so screens keep their
    own on_mount."""

    # Screens reach the app through this typed accessor (self.app.session, .settings, ...).
    app = getters.app(_cramp_app)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The size classes (-narrow, -short, ...) Textual sets at the new screen's first Resize,
        # set now from the app's size: that Resize then changes nothing, where it restyled every
        # widget of the screen (a few ms of every key that opens one).
        # update=False: the screen is styled when it mounts; styling it now as well was one more
        # pass over the stylesheet per screen.
        classes = self._size_classes(self.app.size)
        self.add_class(*(name for name, on in classes.items() if on), update=False)

    def _size_classes(self, size: Size) -> dict[str, bool]:
        """Each size class (-narrow, -short, ...): whether it applies at this size."""
        classes: dict[str, bool] = {}
        for dimension, breakpoints in ((size.width, self.app.HORIZONTAL_BREAKPOINTS or []),
                                       (size.height, self.app.VERTICAL_BREAKPOINTS or [])):
            applies = self._get_breakpoint_classes(dimension, breakpoints)
            classes.update((name, name in applies) for _, name in breakpoints)
        return classes

    def _post_register(self, app: App[Any]) -> None:
        # Registered is styled: every widget of a new screen is styled as it mounts, and Textual
        # restyles them all again when the screen first shows (about a third of the style work
        # of opening the stretch screen). That second pass is needed only when the screen's own
        # style file is read after this point, as Textual does when it pushes a screen whose
        # file was not read yet (CrampApp.warm_styles reads them all after the first frame).
        super()._post_register(app)
        sheet = app.stylesheet
        self._restyle_on_resume = self.CSS != "" or any(
            not sheet.has_source(str(path), "") for path in self.css_path)
        self._styled_theme = app.theme

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler. A screen that comes back later is restyled as
        # Textual asks: the theme or the size may have changed while it was covered. So is one
        # made ahead (CrampApp.prepare_search) in a theme changed since.
        event.refresh_styles = event.refresh_styles and (
            self._restyle_on_resume or self._styled_theme != self.app.theme)
        self._restyle_on_resume = True
        if self._laid_out_ahead:
            self._laid_out_ahead = False
            if self._size == self.app.size and not event.refresh_styles:
                # Arranged already: Screen's handler only asks for a repaint, which Textual
                # draws at the next tick of the screen's frame timer. Drawn at once instead.
                self.call_next(self.paint_now)

    _laid_out_ahead = False

    def lay_out_ahead(self) -> None:
        """Arrange a screen made ahead (CrampApp.prepare_search) at the window's size before it
        is pushed: the push then only draws it, and its widgets' first Resize and Show are read
        while the person reads, not in front of the next key."""
        if self.is_attached and not self.is_current:
            self._refresh_layout(self.app.size)
            self._laid_out_ahead = True

    def paint_now(self, *changed: Widget) -> None:
        """Draw what a key changed (the `changed` widgets) at once. Textual paints on a frame
        timer that a new screen starts when it first shows: a change made just after waits for
        up to two of its ticks. This is the timer's own update, run now; it stops the timer until
        the next change. (Textual learns which widgets changed only once their messages are
        read: named here, they are drawn in this update.)"""
        if self.is_current:
            self._dirty_widgets.update(changed)
            self._on_timer_update()

    def _on_mount(self, event: events.Mount) -> None:
        self._guard(self.app.size)

    async def _on_resize(self, event: events.Resize) -> None:
        # Runs before Screen's own handler (Textual calls one handler a class, down the MRO).
        self._guard(event.size)
        if event.size == self._compositor.size:
            # Laid out at this size already: a new screen's first layout sends it this Resize,
            # and Screen's handler lays it out again, and every screen below it (about 1 ms
            # after each new screen's first frame, in front of the next key). Only the size
            # classes may be out of date: a screen made ahead of a resize.
            self.update_classes(self._size_classes(event.size), animate=False)
            event.prevent_default()

    def _guard(self, size: Size) -> None:
        """The notice is mounted the first time the window is too small: most screens never
        are, and one widget fewer is one fewer to mount and style on every key that opens one."""
        if (size.width < MIN_WIDTH or size.height < MIN_HEIGHT) and not self.query(TooSmall):
            self.mount(TooSmall())
