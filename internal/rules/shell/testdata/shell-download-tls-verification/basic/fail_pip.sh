#!/bin/sh
set -e
pip install --trusted-host pypi.example.com -r requirements.txt
