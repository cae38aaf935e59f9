# One image for every mesh360 service; docker-compose.yml picks the entry point per service.
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
CMD ["npm", "run", "start:gateway"]
