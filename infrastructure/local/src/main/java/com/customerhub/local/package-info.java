package com.customerhub.local;
