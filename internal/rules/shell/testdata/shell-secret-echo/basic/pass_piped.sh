#!/bin/sh
set -e
echo "$REGISTRY_TOKEN" | docker login --password-stdin registry.example.com
echo "done"
