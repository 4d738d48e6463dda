#!/bin/sh
set -e
curl -fsSL -o /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl
chmod +x /usr/local/bin/kubectl
