#!/bin/bash
# Installs the metrics exporter and the log shipper, each checked against
# the checksum its release publishes (copy it from the release's checksum
# file when you bump the version).
set -euo pipefail

NODE_EXPORTER_VERSION=1.8.2
NODE_EXPORTER_SHA256="<sha256 of node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64.tar.gz from sha256sums.txt>"
FLUENT_BIT_SHA256="<sha256 of fluent-bit_3.1.9_amd64.deb>"

cd /tmp
curl -fsSLo node_exporter.tar.gz "https://github.com/prometheus/node_exporter/releases/download/v${NODE_EXPORTER_VERSION}/node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64.tar.gz"
echo "${NODE_EXPORTER_SHA256}  node_exporter.tar.gz" | sha256sum -c -
tar -xzf node_exporter.tar.gz -C /opt
install -m 0755 "/opt/node_exporter-${NODE_EXPORTER_VERSION}.linux-amd64/node_exporter" /usr/local/bin/node_exporter

curl -fsSLo fluent-bit.deb https://packages.fluentbit.io/ubuntu/jammy/pool/main/f/fluent-bit/fluent-bit_3.1.9_amd64.deb
echo "${FLUENT_BIT_SHA256}  fluent-bit.deb" | sha256sum -c -
dpkg -i fluent-bit.deb
systemctl enable fluent-bit
