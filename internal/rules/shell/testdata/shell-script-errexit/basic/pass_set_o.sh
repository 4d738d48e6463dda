#!/bin/bash
set -o errexit -o nounset
mkdir -p /opt/app
cp app /opt/app/
