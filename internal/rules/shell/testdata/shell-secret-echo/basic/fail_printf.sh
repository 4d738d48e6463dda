#!/bin/bash
set -e
printf "token: %s\n" "${API_TOKEN}"
