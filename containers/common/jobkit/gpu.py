"""GPU figures a job reports in stats.json (torch is imported only if the job already loaded it)."""
from __future__ import annotations

import sys
from typing import Any


def gpu_memory_stats() -> dict[str, Any]:
    """Peak GPU memory this process allocated and the card it ran on; {} on the CPU.

    ``peak_gpu_memory_gib`` is torch.cuda.max_memory_allocated() on device 0 (tensors only; the
    CUDA context and allocator cache come on top, see train-dpo's README, Memory).
    """
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_available():
        return {}
    props = torch.cuda.get_device_properties(0)
    return {"gpu": props.name, "gpu_memory_gib": round(props.total_memory / 1024 ** 3, 2),
            "peak_gpu_memory_gib": round(torch.cuda.max_memory_allocated(0) / 1024 ** 3, 3),
            "peak_gpu_memory_reserved_gib": round(torch.cuda.max_memory_reserved(0) / 1024 ** 3, 3)}
