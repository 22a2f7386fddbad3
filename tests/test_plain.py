"""Plain mode, walked end to end the way a screen-reader user or a pipe meets it: real `python -m
tui` subprocesses with piped input, checked for the right words, no escape sequences and a clean
exit. They run `python -m tests.fast_cramp`, the real command on a clock that only moves when slept
on, so each 5 s hold counts through instantly.
A few in-process tests cover what a pipe cannot show: timing, the bell, and the idle clock."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tui.content import load_library
from tui.content.models import Context
from tests.conftest import FakeClock
from tui.plain.walker import PlainWalker
from tui.walk.session import Session
from tui.settings import Settings

REPO = Path(__file__).resolve().parents[1]
LIBRARY = load_library().library
SITES = ("calf", "hamstring", "quad", "foot")
HOLD = ["Hold: 5", "4", "3", "2", "1", "Release."]
EMERGENCY = Settings().emergency


def stretch(site: str, **ctx) -> object:
    return LIBRARY.site_flow(site).steps[0].resolved(Context(**ctx))


def step(qid: str):
    flow, step_id = qid.split(":")
    return LIBRARY.step(flow, step_id)


def cramp(tmp_path: Path, *args: str, input: str = "", settings: dict | None = None,
          env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m tui ARGS` with piped input; every run must end cleanly, escape-free."""
    config = tmp_path / "config"
    if settings is not None:
        config.mkdir(exist_ok=True)
        (config / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    full_env = {**os.environ, "CRAMP_CONFIG_DIR": str(config),
                "CRAMP_DATA_DIR": str(tmp_path / "data"),
                "PYTHONIOENCODING": "utf-8", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "tests.fast_cramp", *args], input=input,
                            text=True, capture_output=True, env=full_env, cwd=REPO, timeout=60)
    assert "\x1b" not in result.stdout
    assert "\a" not in result.stdout  # a bell only ever goes to a real terminal
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    return result


def lines(result: subprocess.CompletedProcess) -> list[str]:
    return result.stdout.splitlines()


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i:i + len(needle)] == needle for i in range(len(haystack)))


# -- every site, start to finish --------------------------------------------------------------
@pytest.mark.parametrize("site", SITES)
def test_now_plain_every_site_walks_to_eased(tmp_path, site):
    out = cramp(tmp_path, "now", "--plain", "--where", site, input="\ny\n\ns\n")
    text = out.stdout
    card = stretch(site)
    assert lines(out)[0] == LIBRARY.danger.disclaimer  # information, not a diagnosis, first
    assert card.title in text
    assert f"Do: {card.do}" in text and f"How: {card.how}" in text and f"Why: {card.why}" in text
    assert LIBRARY.danger.stretch_warning in text
    assert "Press Enter to start the 5 second hold" in text
    assert contains_run(lines(out), HOLD)
    assert "Did it ease? y = yes, n = no, hold again" in text
    assert step("aftercare:done").title in text
    assert "Where is the cramp?" not in text
    # One line says how to hear the sources; s reads those of every flow walked, as people
    # read them (publisher and title, never a file name).
    assert "published sources (type s at the prompt to hear them)" in text
    for source_id in LIBRARY.site_flow(site).sources + LIBRARY.flows["aftercare"].sources:
        assert f"- {LIBRARY.sources[source_id].citation}" in text
    assert text.count(LIBRARY.danger.disclaimer) == 2  # at the start and at the end
    for page in ("what-is-a-cramp", "when-to-see-a-doctor"):
        assert f"(cramp read {page})" in text
    # The order a person meets them in.
    assert text.index(card.title) < text.index("Hold: 5") < text.index(step("aftercare:done").title)


@pytest.mark.parametrize("answer, site", [("", "calf"), ("1", "calf"), ("2", "hamstring"),
                                          ("3", "quad"), ("4", "foot"), ("foot", "foot")])
def test_plain_home_asks_where_first(tmp_path, answer, site):
    out = cramp(tmp_path, "--plain", input=f"{answer}\n\ny\n\n\n\n")
    text = out.stdout
    assert lines(out)[2] == "Where is the cramp?"  # after the disclaimer and a blank line
    for flow in LIBRARY.site_flows:
        assert f"{flow.key}. {flow.site_label}" in text
    assert f"Enter = {LIBRARY.site_flows[0].site_label}" in text
    assert stretch(site).title in text
    assert step("aftercare:done").title in text


def test_where_rejects_unknown_answer_and_asks_again(tmp_path):
    out = cramp(tmp_path, "--plain", input="9\n3\ny\n\n\n")
    assert "Type the number of the place" in out.stdout
    assert stretch("quad").title in out.stdout


# -- pregnancy and the blood-clot gate --------------------------------------------------------
def test_pregnant_gate_no_then_stretch_then_eased(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", "--pregnant",
                input="n\n\ny\n\n\n\n\n")
    text = out.stdout
    gate = step("safety:clot-check")
    card = stretch("calf", pregnant=True)
    assert text.index(gate.title) < text.index(card.title) < text.index("Hold: 5")
    assert "1. Yes: one leg is like that (y)" in text and "2. No, none of these (n)" in text
    assert step("aftercare:pregnancy").title in text
    assert step("aftercare:done").title in text


def test_pregnant_gate_answered_by_number(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "foot", "--pregnant", input="2\ny\n\n\n\n")
    assert stretch("foot", pregnant=True).title in out.stdout


def test_pregnant_gate_yes_ends_with_urgent_advice_and_no_stretch(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", "--pregnant", input="y\ns\n")
    text = out.stdout
    urgent = step("safety:clot-urgent")
    assert urgent.title in text
    assert f"call {EMERGENCY} now" in text and "{emergency}" not in text
    assert "Press Enter to start" not in text and "Hold:" not in text
    for site in SITES:
        assert stretch(site, pregnant=True).do not in text
    assert LIBRARY.sources["NHS-DVTP"].citation in text  # the safety flow's sources


def test_remembered_pregnancy_asks_the_gate(tmp_path):
    out = cramp(tmp_path, "--plain", input="\ny\n", settings={"pregnant": True,
                                                             "emergency_number": "999"})
    assert step("safety:clot-check").title in out.stdout
    assert "call 999 now" in out.stdout


def test_gate_without_default_asks_again_on_enter(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", "--pregnant", input="\nmaybe\nn\n")
    assert out.stdout.count("Type the number of your answer.") == 2
    assert stretch("calf", pregnant=True).title in out.stdout


# -- in bed -----------------------------------------------------------------------------------
def test_in_bed_shows_the_bed_stretch_and_night_prevention(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", "--in-bed", input="\ny\n\n\n\n\n")
    text = out.stdout
    assert stretch("calf", position="bed").title in text
    assert step("aftercare:heels").title in text
    assert step("aftercare:night").title in text
    assert "Cramps at night (cramp read night-cramps)" in text
    assert "cramp log add --where calf --seconds 5 --in-bed" in text
    assert step("aftercare:pregnancy").title not in text


# -- choosing plain mode ----------------------------------------------------------------------
def test_term_dumb_with_a_pipe_chooses_plain_mode_without_the_flag(tmp_path):
    out = cramp(tmp_path, "now", "--where", "hamstring", input="\ny\n\n\n\n",
                env={"TERM": "dumb"})
    assert stretch("hamstring").title in out.stdout
    assert contains_run(lines(out), HOLD)


def test_a_pipe_chooses_plain_mode_even_on_a_capable_terminal(tmp_path):
    out = cramp(tmp_path, input="\ny\n\n\n\n", env={"TERM": "xterm-256color"})
    assert lines(out)[2] == "Where is the cramp?"


def test_hostile_emergency_setting_cannot_inject_escape_sequences(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", "--pregnant", input="y\n",
                settings={"emergency_number": "\x1b[2J\x1b]0;x\x07112\r"})
    # The setting is refused (named on stderr, escaped) and the default numbers are shown.
    assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
    assert "call 112 / 999 / 911 now" in out.stdout
    assert "'emergency_number' has an unusable value '\\x1b[2J" in out.stderr


# -- end of input -----------------------------------------------------------------------------
@pytest.mark.parametrize("args, input", [
    (("--plain",), ""),                                   # at "where is the cramp?"
    (("now", "--plain", "--where", "calf"), ""),           # at the first stretch prompt
    (("now", "--plain", "--where", "quad"), "\n"),         # after one hold
    (("now", "--plain", "--where", "calf", "--pregnant"), ""),  # at the safety gate
    (("now", "--plain", "--where", "foot"), "\ny\n"),      # in the aftercare
    (("now", "--plain", "--where", "calf"), "\nn"),        # a last line with no newline
])
def test_end_of_input_stops_cleanly(tmp_path, args, input):
    out = cramp(tmp_path, *args, input=input)
    assert lines(out)[-1].startswith("Input ended; stopping. If the cramp has not eased")
    assert out.stderr == ""


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptor 0")
def test_no_standard_input_at_all_stops_cleanly(tmp_path):
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path), "CRAMP_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "tui", "now", "--plain", "--where", "calf"],
                            stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0),
                            capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert stretch("calf").title in result.stdout
    assert "Input ended; stopping." in result.stdout


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_ctrl_d_on_a_real_terminal_stops_cleanly(tmp_path):
    master, slave = os.openpty()
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path), "CRAMP_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "tests.fast_cramp", "now", "--plain", "--where", "calf"]
    proc = subprocess.Popen(command,
                            stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=REPO)
    os.close(slave)
    try:
        os.write(master, b"\n")  # Enter: the hold runs
        os.write(master, b"\x04")  # Ctrl-D at the "did it ease?" prompt
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert b"Traceback" not in stderr and b"\x1b" not in stdout
    assert b"Release." in stdout and b"Input ended; stopping." in stdout


def test_a_closed_output_pipe_exits_quietly(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path), "CRAMP_DATA_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-m", "tests.fast_cramp", "--plain"], input=b"\n\ny\n",
                          stdout=write_end, stderr=subprocess.PIPE, env=env, cwd=REPO, timeout=60)
    os.close(write_end)
    assert proc.returncode == 0
    assert proc.stderr == b""


# -- the commands at a stretch ----------------------------------------------------------------
def test_stretch_commands_refine_and_show_danger_signs(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf",
                input="h\n!\nb\nwhat\n\nn\ny\n\n\n\n\n")
    text = out.stdout
    assert text.count("Commands: h helper on/off") == 2  # once for the step, once as help
    assert "Helper: on" in text
    assert stretch("calf", helper=True).title in text
    assert LIBRARY.danger.title in text
    for section in LIBRARY.danger.sections:
        assert section.heading.replace("{emergency}", EMERGENCY) + ":" in text
        assert f"- {section.items[0]}" in text
    assert "Position: in bed." in text
    assert text.count("Hold: 5") == 2 and "Again." in text  # n = hold again, at once
    assert step("aftercare:night").title in text  # the bed position carried on


def test_pregnant_command_asks_the_gate_and_is_remembered(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "quad", input="p\nn\n\ny\n\n\n\n")
    text = out.stdout
    assert "Pregnant or just gave birth: yes (remembered)." in text
    clot_check = step("safety:clot-check").title
    assert text.index("Pregnant or just gave birth: yes") < text.index(clot_check)
    assert stretch("quad", pregnant=True).title in text
    assert step("aftercare:pregnancy").title in text
    saved = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert saved["pregnant"] is True


def test_q_quits_cleanly(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="q\n")
    assert lines(out)[-1].startswith("Stopped.")


def test_long_cramp_advice_appears_once_after_ten_minutes(tmp_path):
    # The fake clock moves 5 s a hold: the 120th hold ends at 10 minutes. (The third "still
    # cramping" asks the clot question once; its "n" answers it.)
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="\n" + "n\n" * 124 + "y\n")
    text = out.stdout
    assert text.count(LIBRARY.danger.long_cramp_title) == 1
    assert LIBRARY.danger.long_cramp_text in text
    holds = [i for i in range(len(text)) if text.startswith("Hold: 5", i)]
    assert len(holds) > 120
    assert holds[119] < text.index(LIBRARY.danger.long_cramp_title) < holds[120]


def test_long_cramp_advice_never_shows_for_a_short_cramp(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="\n" + "n\n" * 10 + "y\n")
    assert LIBRARY.danger.long_cramp_title not in out.stdout


# -- no Textual -------------------------------------------------------------------------------
def test_plain_module_does_not_import_textual_or_rich():
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys, tui.plain.walker; print('textual' in sys.modules, 'rich' in sys.modules)"],
        capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.stdout.strip() == "False False"


@pytest.mark.parametrize("argv", [["--plain"], ["now", "--plain", "--where", "calf"]])
def test_plain_command_does_not_import_textual(tmp_path, argv):
    code = ("import sys; from tui.__main__ import main; rc = main(sys.argv[1:]); "
            "sys.stderr.write(f'{rc} {\"textual\" in sys.modules}')")
    env = {**os.environ, "CRAMP_CONFIG_DIR": str(tmp_path), "CRAMP_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code, *argv], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert result.stderr.strip() == "0 False"


# -- in process: timing, the bell, the idle clock --------------------------------------------
class TtyOut(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_hold_counts_against_deadlines_without_drift():
    """Each count is written at its whole second even when every sleep oversleeps."""
    clock = FakeClock()
    stamps: list[tuple[float, str]] = []

    class Stamped(io.StringIO):
        def write(self, text: str) -> int:
            if text.strip():
                stamps.append((clock(), text.strip()))
            return super().write(text)

    def late_sleep(seconds: float) -> None:
        clock.sleep(seconds + 0.03)

    walker = PlainWalker(Session(LIBRARY, Settings(), clock=clock), io.StringIO(""), Stamped(),
                         sleep=late_sleep)
    for _ in range(10):
        start = clock()
        stamps.clear()
        walker.hold(5)
        said = [(round(t - start, 2), text) for t, text in stamps]
        assert said == [(0.0, "Hold: 5"), (1.03, "4"), (2.03, "3"), (3.03, "2"), (4.03, "1"),
                        (5.03, "Release.")]


def test_bell_only_to_a_terminal_with_sound_on():
    for out, sound, rings in ((TtyOut(), True, True), (TtyOut(), False, False),
                              (io.StringIO(), True, False)):
        clock = FakeClock()
        walker = PlainWalker(Session(LIBRARY, Settings(sound=sound), clock=clock),
                             io.StringIO(""), out, sleep=clock.sleep)
        walker.hold(5)
        assert out.getvalue().endswith("Release.\n\a") is rings
        assert out.getvalue().count("\a") == int(rings)


def test_long_cramp_advice_speaks_up_while_nobody_types():
    """Waiting at a prompt on a real descriptor, the 10-minute advice still appears on time."""
    read_fd, write_fd = os.pipe()
    out = io.StringIO()
    with os.fdopen(read_fd, "r") as stdin:
        session = Session(LIBRARY, Settings())
        session.started -= 600 - 0.2  # the 10-minute limit falls 0.2 s from now
        walker = PlainWalker(session, stdin, out)
        threading.Timer(0.6, lambda: (os.write(write_fd, b"q\n"), os.close(write_fd))).start()
        started = time.monotonic()
        assert walker.run("calf") == 0
    text = out.getvalue()
    assert time.monotonic() - started < 5
    assert text.index(LIBRARY.danger.long_cramp_title) < text.index("Stopped.")
    assert text.count(LIBRARY.danger.long_cramp_title) == 1
    after = text[text.index(LIBRARY.danger.long_cramp_text):]
    assert "\n> " in after  # the prompt again, so a screen reader knows an answer is awaited


# -- under stress: help, back, blank lines, hurting more ---------------------------------------
def test_question_mark_lists_the_answers_a_prompt_takes(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="?\nq\n")
    assert "Type y if it eased, n to hold again, Enter to start a hold." in out.stdout
    assert "Commands: h helper on/off" in out.stdout


def test_danger_signs_mid_stretch_say_which_stretch_we_are_back_to(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "foot", input="!\nq\n")
    text = out.stdout
    after_danger = text[text.index(LIBRARY.danger.title):]
    assert f"Back to: {stretch('foot').title}" in after_danger
    assert after_danger.index("Back to:") < after_danger.index("Press Enter to start")


def test_endless_blank_answers_say_how_to_answer_once_then_wait(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="\n" + "\n" * 500 + "y\n\n")
    text = out.stdout
    assert text.count("Did it ease? y = yes, n = no, hold again") == 3  # not 500 times
    assert text.count("Type y if it eased, n to hold again") == 1
    assert step("aftercare:done").title in text


def test_back_undoes_an_eased_pressed_by_mistake(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "quad", "--helper",
                input="y\n<\n\nn\ny\n\n")
    text = out.stdout
    card = stretch("quad", helper=True)
    first_aftercare = text.index(step("aftercare:start").title)
    # Back at the same stretch, for the helper still, and the walk goes on from there.
    assert card.title in text[first_aftercare:]
    assert "Hold: 5" in text[first_aftercare:]
    assert text.count(step("aftercare:done").title) == 1


def test_it_hurts_more_asks_the_clot_question_of_anyone_then_stops_the_stretch(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "calf", input="\nw\nn\n")
    text = out.stdout
    assert text.index("Release.") < text.index(step("safety:clot-check").title)
    assert step("safety:worse-stop").title in text
    assert text.count("Hold: 5") == 1  # no more stretching


def test_cramp_that_will_not_ease_asks_the_clot_question_at_the_third_hold(tmp_path):
    out = cramp(tmp_path, "now", "--plain", "--where", "hamstring", input="\nn\nn\nn\nn\n\ny\n\n")
    text = out.stdout
    gate = text.index(step("safety:clot-check").title)
    assert text[:gate].count("Hold: 5") == 3  # asked after the third "still cramping"
    assert text.count(step("safety:clot-check").title) == 1
    assert step("aftercare:done").title in text  # "no" went back to stretching, then eased
