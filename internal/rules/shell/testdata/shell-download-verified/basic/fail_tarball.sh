#!/bin/bash
set -euo pipefail
curl -fsSLo /tmp/node_exporter.tar.gz https://github.com/prometheus/node_exporter/releases/download/v1.8.2/node_exporter-1.8.2.linux-amd64.tar.gz
tar -xzf /tmp/node_exporter.tar.gz -C /opt
