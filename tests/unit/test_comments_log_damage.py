"""A damaged comment log costs the damaged records only: every record whose checksum verifies is kept.

Damage is made the ways a sync tool, a hand edit or a bad disk make it: a quote removed or added,
bytes cut from the middle, a flipped bit, a NUL, a byte that is not UTF-8. Each is tried at several
places; after a read and after the next submit, every record the damage did not touch is still
in the log, and the warning names every damaged line.
"""

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.comments import CommentStore, LogDamaged, log

N = 30
# Every read here warns, as it should; read_all() records and checks the warnings it is about.
pytestmark = pytest.mark.filterwarnings("ignore::journal.comments.LogDamaged")


def fresh(store):
    return CommentStore(store.path, store.settings)


def fill(store, n=N, two_lines=True):
    """n comments with quotes and commas, each on one line or (every third) on two lines."""
    ids = []
    for i in range(n):
        body = f'Comment {i}, "quoted"\nsecond line' if i % 3 == 0 and two_lines else f'Comment {i}, "plain"' 
        ids.append(store.submit(f"e{i % 4}", name=f"Writer {i}", body=body).id)
    return ids


def record_spans(path):
    """(first line, start byte, end byte, id) of every record, from the file as written."""
    data = path.read_bytes()
    spans, pos, line = [], len(log.HEADER), 2
    for rec in log.read(path).records:
        raw = log.encode(rec.kind, rec.row)
        assert data[pos:pos + len(raw)] == raw
        spans.append((line, pos, pos + len(raw), rec.row.id))
        pos, line = pos + len(raw), line + raw.count(b"\n")
    return spans


def damaged_lines(problems):
    """Every line number named by the warnings."""
    named = set()
    for text in problems:
        for first, last in re.findall(r"lines? (\d+)(?:-(\d+))?", text):
            named.update(range(int(first), int(last or first) + 1))
    return named


def read_all(store):
    reader = fresh(store)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ids = list(reader.frame()["id"])
    return reader, ids, [str(w.message) for w in caught if issubclass(w.category, LogDamaged)]


def check_survivors(store, kept, hit_lines):
    """After a read and after the next submit, every untouched record is still in the log."""
    reader, ids, problems = read_all(store)
    assert set(kept) <= set(ids)
    assert problems, "the damage was not reported"
    assert hit_lines <= damaged_lines(reader.problems)
    assert set(kept) <= {r.row.id for r in log.read(store.path).records}   # a read moved none of them
    new = fresh(store).submit("e0", name="After", body="after the damage")
    _, ids, _ = read_all(store)
    assert set(kept) | {new.id} <= set(ids)
    return reader


def test_one_damaged_record_in_the_middle_of_thirty_costs_only_that_record(store_with_thirty):
    store, ids = store_with_thirty
    spans = record_spans(store.path)
    line11 = next(s for s in spans if s[0] == 11)
    data = bytearray(store.path.read_bytes())
    closing = data.rindex(b'"', line11[1], line11[2] - 1)   # the closing quote of its checksum
    del data[closing]
    store.path.write_bytes(bytes(data))
    reader = check_survivors(store, [s[3] for s in spans if s is not line11], {11})
    assert not store.path.with_name("comments.csv.rejected").exists()
    assert any("line 11" in p for p in reader.problems)


@pytest.fixture
def store_with_thirty(journal):
    store = journal.comments
    return store, fill(store, two_lines=False)


DAMAGE = {
    "remove a quote": lambda data, at: data[:at] + data[at + 1:] if data[at:at + 1] == b'"' else None,
    "add a quote": lambda data, at: data[:at] + b'"' + data[at:],
    "cut 2,000 bytes": lambda data, at: data[:at] + data[at + 2000:],
    "flip a bit": lambda data, at: data[:at] + bytes([data[at] ^ 0x04]) + data[at + 1:],
    "a NUL": lambda data, at: data[:at] + b"\x00" + data[at:],
    "a byte that is not UTF-8": lambda data, at: data[:at] + b"\xff" + data[at:],
}


def damage(store, how, fraction):
    """Damage the log at about `fraction` of its records; returns the ids and lines it touched."""
    spans = record_spans(store.path)
    data = store.path.read_bytes()
    target = spans[int(fraction * (len(spans) - 1))]
    if how == "remove a quote":
        at = data.index(b'"', target[1] + 1 + (target[2] - target[1]) // 3)
    else:
        at = target[1] + (target[2] - target[1]) // 2
    new = DAMAGE[how](data, at)
    store.path.write_bytes(new)
    end = at + (2000 if how == "cut 2,000 bytes" else 1)
    hit = [s for s in spans if s[1] < end and s[2] > at]
    return [s[3] for s in spans if s not in hit], hit


@pytest.mark.parametrize("how", list(DAMAGE))
@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.37, 0.5, 0.8])
def test_damage_anywhere_but_the_last_record_costs_the_damaged_records_only(journal, how, fraction):
    store = journal.comments
    fill(store)
    kept, hit = damage(store, how, fraction)
    reader = check_survivors(store, kept, {hit[0][0]})
    assert len(reader.frame()) >= N - len(hit)


@pytest.mark.parametrize("how", list(DAMAGE))
def test_damage_to_the_last_record_sets_only_it_aside(journal, how):
    store = journal.comments
    fill(store, 8)
    kept, hit = damage(store, how, 1.0)
    reader, ids, problems = read_all(store)
    assert ids == kept
    rejected = store.path.with_name("comments.csv.rejected")
    if hit:                                         # a quote added inside a field may still verify: nothing to set aside
        assert rejected.exists() and any("moved to comments.csv.rejected" in p for p in problems)
    new = fresh(store).submit("e0", name="After", body="after the damage")
    assert list(fresh(store).frame()["id"]) == kept + [new.id]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_byte_damage_keeps_every_untouched_record(journal, data):
    store = journal.comments
    store.path.unlink(missing_ok=True)
    store.path.with_name("comments.csv.rejected").unlink(missing_ok=True)
    store.refresh()
    fill(store, 12)
    spans = record_spans(store.path)
    raw = store.path.read_bytes()
    at = data.draw(st.integers(len(log.HEADER), spans[-2][2] - 1), label="at")
    byte = data.draw(st.sampled_from([None, 0, ord('"'), ord("\n"), ord(","), 0xFF, 0x80]), label="byte")
    new = raw[:at] + raw[at + 1:] if byte is None else raw[:at] + bytes([byte]) + raw[at + 1:]
    store.path.write_bytes(new)
    touched = [s for s in spans if s[1] <= at < s[2]]
    kept = [s[3] for s in spans if s not in touched]
    # A byte dropped or changed can join a record to its neighbour: the neighbour goes with it, no more.
    neighbours = {s[3] for s in spans if touched and abs(spans.index(s) - spans.index(touched[0])) == 1}
    _, ids, _ = read_all(store)
    assert set(kept) - neighbours <= set(ids)
    assert {r.row.id for r in log.read(store.path).records} >= set(kept) - neighbours - {spans[-1][3]}
    store.submit("e0", name=f"After {at}", body=f"after the damage at {at}")
    _, after, _ = read_all(store)
    assert set(ids) <= set(after)


def test_crlf_line_endings_and_a_byte_order_mark_read_as_the_same_log(journal):
    store = journal.comments
    fill(store, 9)
    store.submit("e1", name="CR", body="ends with crlf\r\nand a lone\rcr")
    expected = fresh(store).frame()
    raw = store.path.read_bytes()
    for variant in (raw.replace(b"\n", b"\r\n"), b"\xef\xbb\xbf" + raw, b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")):
        store.path.write_bytes(variant)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert fresh(store).frame().equals(expected)
        new = fresh(store).submit("e2", name="Later", body="written after the conversion")
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            again = fresh(store)
            assert list(again.frame()["id"]) == list(expected["id"]) + [new.id]
            assert again.get(new.id).body == "written after the conversion"


@pytest.mark.parametrize("pair", [(1, 2), (2, 3), (3, 4)])     # one- and two-line records on either side
def test_a_lost_line_break_costs_the_record_it_ended(journal, pair):
    store = journal.comments
    fill(store, 6)
    spans = record_spans(store.path)
    data = store.path.read_bytes()
    a, b = spans[pair[0]], spans[pair[1]]
    store.path.write_bytes(data[:a[2] - 1] + data[a[2]:])      # the newline between them is gone
    _, ids, problems = read_all(store)
    assert ids == [s[3] for s in spans if s is not a]
    assert a[0] in damaged_lines(problems)


@pytest.mark.parametrize("nth", [1, 2, 4])
def test_a_cut_that_ends_where_a_record_starts_keeps_that_record(journal, nth):
    store = journal.comments
    fill(store, 8)
    spans = record_spans(store.path)
    data = store.path.read_bytes()
    cut_from = spans[nth][1] + 20
    cut_to = spans[nth + 2][1]                                  # the next record but one begins here
    store.path.write_bytes(data[:cut_from] + data[cut_to:])
    _, ids, problems = read_all(store)
    assert ids == [s[3] for s in spans if s not in (spans[nth], spans[nth + 1])]
    assert spans[nth][0] in damaged_lines(problems)
