"""`unrolled train` as a user meets it: a progress bar on a terminal and one line per epoch
otherwise (epoch, loss, accuracy, time), both files written when training ends well, and
one clear message, a non-zero exit and the earlier files untouched when it does not."""

import os
import pty
import re
import select
import signal
import subprocess
import time

import pytest

EPOCH_LINE = re.compile(r"^epoch (\d+)/(\d+)  loss \d+\.\d{4}  accuracy \d{1,3}\.\d%  \d+s elapsed, \d+s left$")


def train(unrolled, *args):
    return subprocess.run([str(unrolled), "train", *args], capture_output=True, text=True)


def test_one_line_per_epoch_when_stderr_is_not_a_terminal(unrolled, tmp_path):
    out = tmp_path / "addition.safetensors"
    result = train(unrolled, "--task", "addition", "--epochs", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("training addition: 52,212 parameters")
    epochs = [line for line in lines if line.startswith("epoch ")]
    assert [EPOCH_LINE.match(line).group(1, 2) for line in epochs] == [("1", "2"), ("2", "2")], epochs
    assert "\r" not in result.stderr, "no bar redrawn in place when stderr is a file"
    assert out.exists() and (tmp_path / "addition.history.json").exists()


def test_a_bar_with_batch_loss_accuracy_and_time_left_on_a_terminal(unrolled, tmp_path):
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [str(unrolled), "train", "--task", "addition", "--epochs", "2", "--out", str(tmp_path / "a.safetensors")],
        stdout=subprocess.DEVNULL, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = seen.decode()
    assert "\r\x1b[K" in text, "the bar is redrawn in place"
    assert re.search(r"epoch 2/2 [█░]{24} batch \d+/25  loss \d+\.\d{4}  accuracy \d{1,3}\.\d%  \d+s left", text), text[-400:]


def test_ctrl_c_stops_with_a_message_and_keeps_the_earlier_checkpoint(unrolled, tmp_path):
    out = tmp_path / "addition3.safetensors"
    out.write_bytes(b"the earlier checkpoint")
    process = subprocess.Popen(
        [str(unrolled), "train", "--task", "addition3", "--epochs", "5", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    header = process.stderr.readline()
    assert header.startswith("training addition3"), header
    time.sleep(1)  # inside the first epoch
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "training stopped by Ctrl-C during epoch 1" in rest, rest
    assert out.read_bytes() == b"the earlier checkpoint"
    assert not (tmp_path / "addition3.history.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["addition3.safetensors"], "no temporary file is left"


def test_zero_epochs_writes_the_untrained_model_and_says_so(unrolled, tmp_path):
    result = train(unrolled, "--task", "addition", "--epochs", "0", "--out", str(tmp_path / "x.safetensors"))
    assert result.returncode == 0, result.stderr
    assert "untrained (0 epochs" in result.stderr.splitlines()[-1]
    assert (tmp_path / "x.safetensors").exists()


@pytest.mark.parametrize("args, message", [
    (["--task", "addition", "--epochs=-1"], "epochs must be 0 or more"),
    (["--task", "addition", "--teacher-forcing", "1.5"], "--teacher-forcing must be between 0 and 1"),
    (["--task", "sums"], "sums"),
])
def test_a_bad_option_gets_one_clear_line(unrolled, tmp_path, args, message):
    result = train(unrolled, *args, "--out", str(tmp_path / "x.safetensors"))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:") or line.startswith("unrolled:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert list(tmp_path.iterdir()) == []


def test_every_malformed_line_of_a_data_file_is_reported_with_its_number(unrolled, tmp_path):
    data = tmp_path / "pairs.txt"
    data.write_text("Go.\tVa !\nno tab here\nHi.\tSalut !\nalso\tthree\tcolumns\tand more\n")
    result = train(unrolled, "--data", str(data), "--epochs", "1", "--out", str(tmp_path / "x.safetensors"))
    assert result.returncode != 0
    assert re.search(r"pairs\.txt:2\b", result.stderr) and re.search(r"pairs\.txt:4\b", result.stderr), result.stderr
    assert not re.search(r"pairs\.txt:[13]\b", result.stderr), "well-formed lines are not reported"
    assert not (tmp_path / "x.safetensors").exists()


def test_data_defaults_follow_the_number_of_pairs_and_are_said(unrolled, tmp_path):
    data = tmp_path / "copy.tsv"
    words = ["abc", "bca", "cab", "acb", "bac", "cba", "aab", "bba", "cca", "abb"]
    data.write_text("".join(f"{word}\t{word}\n" for word in words))
    result = train(unrolled, "--data", str(data), "--epochs", "1", "--out", str(tmp_path / "copy.safetensors"))
    assert result.returncode == 0, result.stderr
    # 10 pairs: 2 held out (20%), 64 units and Adam; --epochs given wins over the 300 of the rule.
    assert result.stderr.splitlines()[0] == f"{data}: 10 pairs, 2 held out for validation; 64 units, 1 epoch, adam, batches of 64"


def test_train_help_states_the_data_defaults(unrolled):
    result = subprocess.run([str(unrolled), "train", "--help"], capture_output=True, text=True)
    text = " ".join(result.stdout.split())
    assert "64 units below 1,000 pairs, 128 below 10,000, else 256" in text
    assert "20% held out" in text and "or adam for --data" in text
