"""A real OpenAI-compatible chat server on loopback for the generative-mode test:
llama.cpp through the prebuilt `xllamacpp` wheel (nothing compiled), serving one GGUF file.

Usage: python tests/system/llm_server.py MODEL.gguf PORT [CHAT_TEMPLATE]. Runs until killed.
"""

from __future__ import annotations

import sys
import time

import xllamacpp


def main(model: str, port: int, template: str | None = None) -> None:
    params = xllamacpp.CommonParams()
    params.model.path = model
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.offline = True  # a path, never a hub name: nothing is fetched
    if template:  # a GGUF file without a chat template would get llama.cpp's ChatML
        params.chat_template = template
    params.n_ctx = 4096
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    server = xllamacpp.Server(params)  # listens as soon as the model is loaded
    print("listening", flush=True)
    while server:
        time.sleep(3600)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *sys.argv[3:4])
