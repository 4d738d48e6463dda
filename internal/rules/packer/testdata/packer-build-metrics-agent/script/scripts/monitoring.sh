#!/bin/bash
set -euo pipefail
apt-get install -y --no-install-recommends telegraf
systemctl enable telegraf
