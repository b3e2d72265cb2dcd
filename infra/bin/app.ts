#!/usr/bin/env -S npx tsx
// `npx cdk synth|deploy [-c region=CZ051]`: every stack comes from services/manifests.ts.
import { App } from 'aws-cdk-lib';
import { manifests } from '../../services/manifests';
import { buildApp } from '../lib/app';

const app = new App();
buildApp(app, manifests);
app.synth();
