#!/bin/sh
set -e
echo "connecting with password $DB_PASSWORD"
