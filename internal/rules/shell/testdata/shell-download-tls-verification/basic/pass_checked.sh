#!/bin/sh
set -e
curl -fsSL -o /tmp/app.tgz https://artifacts.example.com/app.tgz
wget -q https://artifacts.example.com/app.tgz.sha256
