#!/bin/sh
set -e
curl -fsSLO https://example.com/app-1.2.3.tar.gz
curl -fsSLO https://example.com/app-1.2.3.tar.gz.asc
gpg --verify app-1.2.3.tar.gz.asc app-1.2.3.tar.gz
