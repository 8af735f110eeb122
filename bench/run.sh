#!/bin/bash
# Placeholder until the benchmark framework lands.
echo "no benchmarks yet" >&2
exit 1
