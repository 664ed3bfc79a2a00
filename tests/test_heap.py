"""The build hands the memory it freed back to the system before Pagefind runs beside it."""
import platform

import pytest

from generator.heap import give_back_free_memory


def _resident_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_memory_goes_back_to_the_system():
    # Many large strings (what rendering pages makes), most of them dropped: the C library keeps
    # their space for the process until it is asked to give it back.
    kept = []
    made = [("页" * 1500) + str(number) for number in range(60_000)]  # about 180 MB
    kept.append(made[-1])
    del made
    before = _resident_kb()
    assert give_back_free_memory()
    assert _resident_kb() < before - 50_000
