# Multi-stage build: SDK + Node to build, ASP.NET runtime to run, as a non-root user with a data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cd samples/web-client && npm ci --no-audit --no-fund && npm run build
RUN dotnet publish src/ETwinning.Collab.Server -c Release -o /app \
 && cp -r samples/web-client/dist /app/wwwroot

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home collab && mkdir /data && chown collab /data
WORKDIR /app
COPY --from=build /app .
USER collab
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "ETwinning.Collab.Server.dll"]
