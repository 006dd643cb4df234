"""Files the importer must refuse (or report) clearly: devices, pipes, symlink loops, stray
NULs, and what a plain-text run says about encodings and dry runs."""

import os
import signal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.ingest import files
from articles.ingest.decoding import OcrDecodeError, decode_ocr_bytes
from articles.models import Issue

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str, str]:
    """(stdout, stderr, the command's error or "") of one import_seeds run."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), ""


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path, seed_paths):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def waited(signum, frame):
        raise TimeoutError("import_seeds waited on a FIFO with no writer")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(20)
    try:
        _, err, error = run(str(fifo), str(seed_paths[0]))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert "pipe.txt" in err and "not a regular file" in err
    assert "1 个文件导入失败" in error


def test_a_device_is_refused_without_reading_it(tmp_path):
    with pytest.raises(files.ImportFileError, match="not a regular file"):
        files.read_capped(Path("/dev/zero"))


def test_the_size_cap_counts_what_is_read_not_what_stat_says(monkeypatch, tmp_path):
    # Files under /proc say they are empty (st_size 0) and are not.
    proc_file = Path("/proc/self/maps")
    assert proc_file.stat().st_size == 0 and len(proc_file.read_bytes()) > 200
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    _, err, _ = run(str(proc_file))
    assert "too large" in err
    assert not Issue.objects.exists()


def test_a_symlink_loop_is_named_as_such(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    _, err, _ = run(str(first))
    assert "symbolic link loop" in err and "no such file" not in err


def test_a_nul_byte_anywhere_rejects_the_file_with_its_offset():
    text = "荆州区新闻\n本报讯 近日，区委召开会议。\n" * 4000
    data = text.encode() + b"\x00" + "后文。\n".encode()
    assert len(data) > 70_000
    with pytest.raises(OcrDecodeError, match=f"offset {len(text.encode())}"):
        decode_ocr_bytes(data)


def test_a_file_with_a_late_nul_fails_the_same_way_on_every_database(tmp_path, seed_paths):
    late = tmp_path / "late_nul.txt"
    late.write_bytes(seed_paths[0].read_bytes() * 12 + b"\x00")
    assert late.stat().st_size > 65_536
    _, err, error = run(str(late), str(seed_paths[1]))
    assert "late_nul.txt" in err and "NUL byte at offset" in err
    assert list(Issue.objects.values_list("source_name", flat=True)) == [seed_paths[1].name]
    assert "1 个文件导入失败" in error


def test_a_gb18030_file_is_reported_in_the_plain_text_output(tmp_path, seed_paths):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_paths[0].read_text(encoding="utf-8").encode("gb18030"))
    out, err, _ = run(str(gbk))
    assert "gbk.txt" in err and "GB18030" in err
    assert "1 个文件按 GB18030/GBK 编码读取" in out


def test_a_dry_run_says_what_it_would_do_not_what_it_did(seed_paths):
    out, _, _ = run("--dry-run", *map(str, seed_paths))
    assert "演练" in out and "将导入 5" in out
    assert "已导入" not in out
    run(str(seed_paths[0]))
    out, _, _ = run("--dry-run", *map(str, seed_paths))
    assert "未改变，将跳过 1" in out and "将导入 4" in out
