#!/bin/bash
# Installs the application's packages at pinned versions.
set -euo pipefail

apt-get update
apt-get install -y --no-install-recommends "nginx=1.18.0-6ubuntu14.4"
systemctl enable nginx
