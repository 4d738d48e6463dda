#!/bin/sh
set -e
echo "$DB_PASSWORD" > /etc/app/db-password
chmod 600 /etc/app/db-password
