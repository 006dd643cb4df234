"""The bylines-and-credits bench (`python -m articles.bench.quality.forms`) on invented samples."""

from __future__ import annotations

import json

from articles.bench.quality import forms


def _write(tmp_path, samples):
    path = tmp_path / "samples.jsonl"
    path.write_text("\n".join(json.dumps(s, ensure_ascii=False) for s in samples), encoding="utf-8")
    return path


BYLINES = [
    {
        "outlet": "松岭日报",
        "text": "本报讯（记者 邵明川 通讯员 汤子墨）4月15日，松岭县云台乡的三千亩油菜花竞相开放，"
        "引来不少城里人驾车前来赏花拍照，乡里在花田边划出了停车区。",
        "writers": ["邵明川", "汤子墨"],
        "people": [],
    },
    {
        # annotated with a writer the text never signs: a miss the bench must report
        "outlet": "云台县报",
        "text": "本报讯（记者 孔令宜）4月16日，云台县第一座口袋公园建成开放，园里种了桂花和月季，"
        "还修了供老人歇脚的长椅，晚饭后来走一走的居民越来越多。",
        "writers": ["孔令宜", "车晓雯"],
        "people": [],
    },
]


def test_writers_read_and_missed_are_counted_and_listed(tmp_path, capsys):
    forms.main([str(_write(tmp_path, BYLINES)), "--kind", "bylines", "--misses"])
    out = capsys.readouterr().out
    assert "2 samples, read exactly 0.500" in out
    assert "writers F1 0.857 (P 1.000 R 0.750)" in out
    assert "云台县报: ['孔令宜', '车晓雯'] read ['孔令宜']" in out


def test_photographers_of_a_caption_are_scored(tmp_path, capsys):
    caption = {
        "outlet": "松岭日报",
        "text": "▲ 乡亲们在晒场上翻晒新收的稻谷。（记者 邵 明 摄）",
        "photographers": ["邵 明"],  # annotated as printed, letter-spaced
        "people": [],
    }
    forms.main([str(_write(tmp_path, [caption])), "--kind", "credits"])
    assert "photographers F1 1.000" in capsys.readouterr().out


def test_a_narrow_column_never_opens_a_line_with_punctuation_and_keeps_bylines_whole():
    text = "□ 记者 邵明川 通讯员 汤子墨 报道\n4月15日，松岭县云台乡的三千亩油菜花竞相开放。"
    lines = forms.wrapped(text, 7).split("\n")
    assert lines[0] == "□ 记者 邵明川 通讯员 汤子墨 报道"
    assert all(line[0] not in "，。" for line in lines)
    assert "".join(lines[1:]) == text.split("\n")[1]


def test_outlets_keep_their_part():
    parts = {forms.part_of(f"第{n}县报") for n in range(40)}
    assert parts == {"dev", "test"}
    assert forms.part_of("松岭日报") == forms.part_of("松岭日报")


def test_people_a_paragraph_names_are_scored(tmp_path, capsys):
    paragraph = {
        "outlet": "松岭日报",
        "text": "4月18日，村党支部书记管见川带着村民在坡地上栽茶苗，村民向土生夫妻也来帮忙。",
        "people": ["管见川", "向土生", "邬代平"],  # one annotated name the text never prints
    }
    forms.main([str(_write(tmp_path, [paragraph])), "--kind", "people", "--misses"])
    out = capsys.readouterr().out
    assert "people F1 0.800 (P 1.000 R 0.667)" in out
    assert "read ['向土生', '管见川']" in out
