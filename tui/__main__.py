"""The `cramp` command. Parses arguments first and imports only what the chosen command needs:
Textual is not imported by `check`, `log`, `read --list`, plain mode or `--version`.

What the system can do to any command is handled once, here: standard streams that were closed
before cramp started, arguments that are not valid text, and output that cannot be written (a
full disk: one line and exit 1; a reader that went away, `cramp ... | head`: a quiet exit).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TextIO

from tui import collector


_STD_STREAMS = ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w"))
# Errors that mean "the output could not be written" when no file name comes with them.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def reopen_missing_std_streams() -> None:
    """`cramp <&-` starts with no stdin (Python sets sys.stdin to None): open /dev/null on every
    missing descriptor 0-2, so no later file takes its number and nothing downstream gets None."""
    for fd, name, mode in _STD_STREAMS:
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
        if getattr(sys, name) is None:
            stream = open(fd, mode, encoding="utf-8", errors="replace", closefd=False)
            setattr(sys, name, stream)
            if getattr(sys, f"__{name}__") is None:
                setattr(sys, f"__{name}__", stream)
    for stream in (sys.stdout, sys.stderr):  # a note or a guide in any script must not crash
        try:
            if hasattr(stream, "reconfigure"):  # a real text stream (not a test's StringIO)
                stream.reconfigure(errors="replace" if stream is sys.stdout
                                   else "backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def undecodable_argument(argv: list[str]) -> str | None:
    """A message naming the first argument that is not valid UTF-8 text, or None. Python keeps
    such bytes as lone surrogates, which fail later, wherever the text is written or stored."""
    for number, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            continue
        from tui.cli.visible import quoted

        option = value = None
        if arg.startswith("--") and "=" in arg:
            option, value = arg.split("=", 1)
        elif number > 1 and argv[number - 2].startswith("-"):
            option = argv[number - 2]
        value = arg if value is None else value
        raw = value.encode("utf-8", "surrogateescape" if _escaped_bytes(value) else "surrogatepass")
        shown = quoted(raw.decode("utf-8", "backslashreplace"))
        where = f"the value of {quoted(option)}" if option else f"argument {number}"
        return (f"cramp: {where} is not valid UTF-8 text: {shown}. "
                "Type it again in UTF-8 (most terminals use it).")
    return None


def _escaped_bytes(text: str) -> bool:
    """True when every lone surrogate stands for one undecodable byte (how Python reads argv)."""
    return all("\udc80" <= char <= "\udcff" for char in text if "\ud800" <= char <= "\udfff")


def _discard(stream: TextIO) -> None:
    """Point a stream that cannot be written at /dev/null, so Python's flush at exit does not
    fail a second time (with a traceback-like report and exit status 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (AttributeError, ValueError, OSError):
        pass  # not a real file (tests capture it): nothing is flushed at exit


def _output_failed(error: OSError) -> int:
    """Report an error writing the output (or any other unexpected file error) in one line."""
    from tui.cli.visible import visible

    _discard(sys.stdout)
    reason = error.strerror or str(error)
    if error.filename is not None:
        name = error.filename
        name = os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name)
        message = f"cramp: {visible(name)}: {reason}"
    elif error.errno in _WRITE_ERRNOS:
        message = f"cramp: cannot write the output: {reason}"
    else:
        message = f"cramp: {reason}"
    try:
        print(message, file=sys.stderr, flush=True)
    except OSError:  # stderr is full or closed too: the exit status still says it
        _discard(sys.stderr)
    return 1


def _flush_output() -> int | None:
    """Write what is still buffered now, where a failure can be reported: None if all is well,
    else the exit status to use."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard(sys.stdout)
    except OSError as error:
        return _output_failed(error)
    return None


def main(argv: list[str] | None = None) -> int:
    collector.pause()  # until cramp waits for the person (tui/collector.py)
    try:
        return _main(argv)
    finally:
        collector.resume()


def _main(argv: list[str] | None) -> int:
    reopen_missing_std_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        problem = undecodable_argument(argv)
        if problem:
            print(problem, file=sys.stderr)
            return 2
        if argv:
            from tui.cli.parser import build_parser

            args = build_parser(every_command=False).parse_args(argv)
        else:  # `cramp` alone: Home, with the parser's defaults (a faster first frame)
            from tui.cli.tui_home import home_args

            args = home_args()
        code = args.run(args)
    except SystemExit:  # --help, --version or a usage error: their output must be written too
        failed = _flush_output()
        if failed is not None:
            raise SystemExit(failed) from None
        raise
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:  # `cramp read --list | head -0`: the reader left, which is fine
        _discard(sys.stdout)
        return 0
    except OSError as error:  # `cramp log list > /dev/full`
        return _output_failed(error)
    failed = _flush_output()
    return code if failed is None else failed


if __name__ == "__main__":
    sys.exit(main())
