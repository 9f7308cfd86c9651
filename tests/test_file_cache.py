"""The file cache used without Redis (core/cache.py): it looks at its folder's size at most
once every CULL_EVERY seconds, not on every write, and still drops the surplus when it does."""

from core import cache as file_cache


def _cache(tmp_path, entries):
    return file_cache.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": entries}})


def test_a_write_does_not_list_the_folder_each_time(tmp_path, monkeypatch):
    cache = _cache(tmp_path, 1000)
    listed = []
    original = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listed.append(1) or original())
    for n in range(50):
        cache.set(f"key-{n}", n)
    assert len(listed) == 1
    assert cache.get("key-49") == 49


def test_the_next_look_drops_the_surplus(tmp_path, monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(file_cache.time, "monotonic", lambda: clock[0])
    cache = _cache(tmp_path, 30)
    for n in range(60):
        cache.set(f"key-{n}", n)
    assert len(cache._list_cache_files()) == 60  # grown past the bound between looks
    clock[0] += file_cache.CULL_EVERY + 1
    cache.set("one-more", 1)
    assert len(cache._list_cache_files()) <= 41  # a third dropped, as Django does
