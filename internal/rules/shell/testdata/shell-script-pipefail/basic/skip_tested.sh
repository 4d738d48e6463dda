#!/bin/bash
set -e
if grep -q app /etc/passwd | head -1; then echo ok; fi
