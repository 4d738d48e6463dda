#!/bin/sh
set -e
wget -O /var/lib/images/al2023.qcow2 https://cdn.example.com/al2023.qcow2
