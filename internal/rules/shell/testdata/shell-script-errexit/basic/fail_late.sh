#!/bin/bash
apt-get update
set -e
apt-get install -y nginx
