#!/bin/bash -e
apt-get update
apt-get install -y nginx
