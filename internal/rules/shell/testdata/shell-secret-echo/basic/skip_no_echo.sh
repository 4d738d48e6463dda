#!/bin/sh
set -e
apt-get update
