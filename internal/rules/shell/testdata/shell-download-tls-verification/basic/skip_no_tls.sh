#!/bin/sh
set -e
tar -xzf /tmp/app.tgz
