#!/bin/bash
set -e
bash -c "$(curl -fsSL https://example.com/install.sh)"
