/* JNI entry points of dev.tmc.runtime.cuda.CudaDriver over tmc_cuda.h: argument conversion only.
 * A failed call throws IllegalStateException with tmc_cuda_error()'s message. */
#include <jni.h>
#include <stdlib.h>

#include "tmc_cuda.h"

#define JNI(name) Java_dev_tmc_runtime_cuda_CudaDriver_##name

static void throw_failure(JNIEnv *env) {
    jclass c = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (c) {
        (*env)->ThrowNew(env, c, tmc_cuda_error());
    }
}

static jlong checked(JNIEnv *env, int status, uint64_t value) {
    if (status != 0) {
        throw_failure(env);
        return 0;
    }
    return (jlong)value;
}

JNIEXPORT void JNICALL JNI(open)(JNIEnv *env, jclass cls, jint ordinal) {
    (void)cls;
    checked(env, tmc_cuda_open(ordinal), 0);
}

JNIEXPORT jstring JNICALL JNI(deviceName)(JNIEnv *env, jclass cls) {
    (void)cls;
    char name[256];
    if (tmc_cuda_device_name(name, sizeof name) != 0) {
        throw_failure(env);
        return NULL;
    }
    return (*env)->NewStringUTF(env, name);
}

JNIEXPORT jlong JNICALL JNI(moduleLoad)(JNIEnv *env, jclass cls, jbyteArray image) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, image);
    /* A copy: the driver reads the image while loading, and a fatbin must be suitably aligned. */
    void *copy = malloc((size_t)n + 16);
    if (!copy) {
        jclass c = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
        (*env)->ThrowNew(env, c, "copy of a CUDA module image");
        return 0;
    }
    (*env)->GetByteArrayRegion(env, image, 0, n, (jbyte *)copy);
    uint64_t module = 0;
    int status = tmc_cuda_module_load(copy, &module);
    free(copy);
    return checked(env, status, module);
}

JNIEXPORT jlong JNICALL JNI(moduleFunction)(JNIEnv *env, jclass cls, jlong module, jstring name) {
    (void)cls;
    const char *n = (*env)->GetStringUTFChars(env, name, NULL);
    uint64_t function = 0;
    int status = tmc_cuda_module_function((uint64_t)module, n, &function);
    (*env)->ReleaseStringUTFChars(env, name, n);
    return checked(env, status, function);
}

JNIEXPORT jlong JNICALL JNI(alloc)(JNIEnv *env, jclass cls, jlong bytes) {
    (void)cls;
    uint64_t p = 0;
    int status = tmc_cuda_alloc((uint64_t)bytes, &p);
    return checked(env, status, p);
}

JNIEXPORT void JNICALL JNI(free)(JNIEnv *env, jclass cls, jlong pointer) {
    (void)cls;
    checked(env, tmc_cuda_free((uint64_t)pointer), 0);
}

JNIEXPORT void JNICALL JNI(upload)(JNIEnv *env, jclass cls, jlong device, jobject array, jlong bytes) {
    (void)cls;
    void *host = (*env)->GetPrimitiveArrayCritical(env, (jarray)array, NULL);
    int status = tmc_cuda_upload((uint64_t)device, host, (uint64_t)bytes);
    (*env)->ReleasePrimitiveArrayCritical(env, (jarray)array, host, JNI_ABORT);
    checked(env, status, 0);
}

JNIEXPORT void JNICALL JNI(download)(JNIEnv *env, jclass cls, jlong device, jobject array, jlong bytes) {
    (void)cls;
    void *host = (*env)->GetPrimitiveArrayCritical(env, (jarray)array, NULL);
    int status = tmc_cuda_download(host, (uint64_t)device, (uint64_t)bytes);
    (*env)->ReleasePrimitiveArrayCritical(env, (jarray)array, host, 0);
    checked(env, status, 0);
}

JNIEXPORT void JNICALL JNI(zero)(JNIEnv *env, jclass cls, jlong device, jlong bytes) {
    (void)cls;
    checked(env, tmc_cuda_zero((uint64_t)device, (uint64_t)bytes), 0);
}

JNIEXPORT void JNICALL JNI(fill)(JNIEnv *env, jclass cls, jlong device, jlong bytes, jbyte value) {
    (void)cls;
    checked(env, tmc_cuda_fill((uint64_t)device, (uint64_t)bytes, (unsigned char)value), 0);
}

JNIEXPORT void JNICALL JNI(copy)(JNIEnv *env, jclass cls, jlong to, jlong from, jlong bytes) {
    (void)cls;
    checked(env, tmc_cuda_copy((uint64_t)to, (uint64_t)from, (uint64_t)bytes), 0);
}

JNIEXPORT void JNICALL JNI(launch)(JNIEnv *env, jclass cls, jlong function, jint grid, jint block, jlongArray args) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, args);
    jlong values[64];
    if (n > 64) {
        jclass c = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
        (*env)->ThrowNew(env, c, "more than 64 kernel arguments");
        return;
    }
    (*env)->GetLongArrayRegion(env, args, 0, n, values);
    checked(env, tmc_cuda_launch((uint64_t)function, (uint32_t)grid, (uint32_t)block, n, (uint64_t *)values), 0);
}

JNIEXPORT void JNICALL JNI(synchronize)(JNIEnv *env, jclass cls) {
    (void)cls;
    checked(env, tmc_cuda_synchronize(), 0);
}

JNIEXPORT jlong JNICALL JNI(eventCreate)(JNIEnv *env, jclass cls) {
    (void)cls;
    uint64_t e = 0;
    int status = tmc_cuda_event_create(&e);
    return checked(env, status, e);
}

JNIEXPORT void JNICALL JNI(eventRecord)(JNIEnv *env, jclass cls, jlong event) {
    (void)cls;
    checked(env, tmc_cuda_event_record((uint64_t)event), 0);
}

JNIEXPORT jfloat JNICALL JNI(eventElapsedMillis)(JNIEnv *env, jclass cls, jlong start, jlong end) {
    (void)cls;
    float ms = 0;
    if (tmc_cuda_event_elapsed((uint64_t)start, (uint64_t)end, &ms) != 0) {
        throw_failure(env);
    }
    return ms;
}

JNIEXPORT jboolean JNICALL JNI(matmulAvailable)(JNIEnv *env, jclass cls) {
    (void)env;
    (void)cls;
    return tmc_cuda_matmul_available() ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jstring JNICALL JNI(lastError)(JNIEnv *env, jclass cls) {
    (void)cls;
    return (*env)->NewStringUTF(env, tmc_cuda_error());
}

JNIEXPORT jboolean JNICALL JNI(matmul)(JNIEnv *env, jclass cls, jlongArray pointers, jlongArray sizes,
                                       jint flags, jfloat alpha) {
    (void)cls;
    jlong p[6]; /* a, b, d, bias, workspace, workspace bytes */
    jlong s[4]; /* batch, m, n, k */
    (*env)->GetLongArrayRegion(env, pointers, 0, 6, p);
    (*env)->GetLongArrayRegion(env, sizes, 0, 4, s);
    if ((*env)->ExceptionCheck(env)) {
        return JNI_FALSE;
    }
    int status = tmc_cuda_matmul((uint64_t)p[0], (uint64_t)p[1], (uint64_t)p[2], (uint64_t)p[3], flags & 1,
                                 (flags >> 1) & 1, s[0], s[1], s[2], s[3], alpha, (flags >> 2) & 1,
                                 (uint64_t)p[4], (uint64_t)p[5]);
    if (status == 1) {
        return JNI_FALSE;
    }
    checked(env, status, 0);
    return JNI_TRUE;
}
