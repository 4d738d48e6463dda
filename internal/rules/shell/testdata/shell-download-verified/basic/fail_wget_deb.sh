#!/bin/sh
set -e
wget https://example.com/agent_1.2.3_amd64.deb
dpkg -i agent_1.2.3_amd64.deb
