FROM node:20-alpine AS fail-worker-as-root
WORKDIR /app
CMD ["node", "worker.js"]
