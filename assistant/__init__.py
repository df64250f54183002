"""NLDTIB policy assistant: cited answers from Dutch government policy documents.

Importing the package first switches every library it uses to offline, telemetry-free
operation, before any of them is imported, and stops idle OpenBLAS threads from spinning.
"""

import os

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
for _key, _value in _OFFLINE_ENV.items():
    os.environ[_key] = _value
# OpenBLAS worker threads busy-wait after each call (numpy, the USE model); on a small
# machine that takes a core from E5's OpenMP threads (eval/README.md). Read when numpy
# loads, so set here.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

__version__ = "0.1.0"
