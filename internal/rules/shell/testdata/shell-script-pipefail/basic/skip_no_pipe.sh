#!/bin/bash
set -e
tar -xzf /tmp/app.tar.gz -C /opt
