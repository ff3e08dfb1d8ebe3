"""Time-ordered UUIDv7 record ids."""

from __future__ import annotations

import itertools
import threading
import time
import uuid

from kiosk.core.ids import id_timestamp_ms, is_valid_id, new_id


def test_new_id_is_a_canonical_uuid7() -> None:
    value = new_id()
    parsed = uuid.UUID(value)
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert str(parsed) == value  # lowercase, hyphenated
    assert len(value) == 36
    assert value[14] == "7"
    assert value[19] in "89ab"
    assert is_valid_id(value)


def test_ten_thousand_ids_in_a_tight_loop_are_unique_and_strictly_increasing() -> None:
    ids = [new_id() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert all(a < b for a, b in itertools.pairwise(ids))
    assert all(is_valid_id(i) for i in ids)


def test_ids_sort_as_strings_the_same_way_as_uuids() -> None:
    ids = [new_id() for _ in range(1000)]
    assert sorted(ids) == sorted(ids, key=lambda i: uuid.UUID(i).int) == ids


def test_timestamp_is_close_to_now() -> None:
    before = time.time_ns() // 1_000_000
    value = new_id()
    after = time.time_ns() // 1_000_000
    assert before - 5 <= id_timestamp_ms(value) <= after + 1000


def test_timestamps_never_go_backwards() -> None:
    stamps = [id_timestamp_ms(new_id()) for _ in range(5000)]
    assert stamps == sorted(stamps)


def test_ids_from_several_threads_are_unique_and_each_thread_sees_them_increase() -> None:
    results: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        out.extend(new_id() for _ in range(2500))

    threads = [threading.Thread(target=make, args=(out,)) for out in results]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [i for out in results for i in out]
    assert len(set(everything)) == 10_000
    for out in results:
        assert out == sorted(out)
        assert len(set(out)) == len(out)


def test_is_valid_id_rejects_other_uuids_and_garbage() -> None:
    good = new_id()
    assert is_valid_id(good)
    assert not is_valid_id(str(uuid.uuid4()))
    assert not is_valid_id(str(uuid.uuid1()))
    assert not is_valid_id(good.upper())
    assert not is_valid_id(good.replace("-", ""))
    assert not is_valid_id("{" + good + "}")
    assert not is_valid_id("")
    assert not is_valid_id("not-a-uuid")
    assert not is_valid_id(None)  # type: ignore[arg-type]
    assert not is_valid_id(12345)  # type: ignore[arg-type]
