# PyTorch's own fused attention at the benchmark's shape, per SDPA backend (triton do_bench median,
# which zeroes a 256 MiB buffer before each call): the same-call comparison for cudnn_attention_proof.c.
import sys
import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel
from triton.testing import do_bench

b, h, t, e = (int(x) for x in sys.argv[1:5])
print("torch", torch.__version__, "cudnn", torch.backends.cudnn.version(), torch.cuda.get_device_name())
q, k, v = (torch.rand(b, h, t, e, device="cuda", dtype=torch.bfloat16) * 2 - 1 for _ in range(3))
for name, backend in [("cudnn", SDPBackend.CUDNN_ATTENTION), ("flash", SDPBackend.FLASH_ATTENTION),
                      ("efficient", SDPBackend.EFFICIENT_ATTENTION)]:
    try:
        with sdpa_kernel(backend):
            ms = do_bench(lambda: F.scaled_dot_product_attention(q, k, v), warmup=50, rep=200, return_mode="median")
        print(f"torch sdpa {name}: {ms:.4f} ms")
    except Exception as ex:  # a backend that refuses the shape
        print(f"torch sdpa {name}: unavailable ({str(ex).splitlines()[0][:120]})")
with sdpa_kernel(SDPBackend.CUDNN_ATTENTION):
    pass
ms = do_bench(lambda: F.scaled_dot_product_attention(q, k, v), warmup=50, rep=200, return_mode="median")
print(f"torch sdpa default: {ms:.4f} ms")
