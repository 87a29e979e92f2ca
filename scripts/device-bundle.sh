#!/usr/bin/env bash
# Builds the self-contained gtc bundle for a GPU machine that has no .NET (docs: docs/benchmarks.md, "How to rerun"):
#   .device/gtc/      the published app (run .device/gtc/gtc)
#   .device/gtc.tgz   the same folder as one archive, what gets copied to the GPU machine
# Not trimmed, not AOT: ILGPU reads IL at run time. Fails if the archive exceeds 64 MiB (the device
# machine's carry limit). Usage: scripts/device-bundle.sh   (from anywhere; no arguments)
set -euo pipefail
cd "$(dirname "$0")/.."

limit_bytes=$((64 * 1024 * 1024))
rm -rf .device/gtc .device/gtc.tgz
mkdir -p .device

# Retry once: a concurrent build elsewhere in the tree can hold a file lock for a moment.
publish() {
    dotnet publish src/GpuThermoChain.Cli -c Release -r linux-x64 --self-contained \
        -p:InvariantGlobalization=true -o .device/gtc
}
if ! publish; then
    echo "device-bundle: publish failed, retrying once in 5 s" >&2
    sleep 5
    publish
fi

test -x .device/gtc/gtc || { echo "device-bundle: .device/gtc/gtc missing after publish" >&2; exit 1; }
tar czf .device/gtc.tgz -C .device gtc

size=$(stat -c %s .device/gtc.tgz)
unpacked=$(du -sb .device/gtc | cut -f1)
awk -v s="$size" -v u="$unpacked" \
    'BEGIN { printf "device-bundle: .device/gtc.tgz %.1f MiB (unpacked %.1f MiB), limit 64 MiB\n", s / 1048576, u / 1048576 }'
if [ "$size" -ge "$limit_bytes" ]; then
    echo "device-bundle: FAIL: .device/gtc.tgz is $size bytes, over the 64 MiB limit" >&2
    exit 1
fi
