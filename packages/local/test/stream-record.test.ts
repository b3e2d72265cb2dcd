// The local stream poller hands the publisher records in the shape Lambda's event source mapping
// delivers, not the SDK's: creation time in epoch seconds, binary attributes as base64 text.
import { describe, expect, it } from '@jest/globals';
import { lambdaStreamRecord } from '../src/stream-record';

describe('stream record as Lambda delivers it', () => {
  it('turns the SDK creation Date into epoch seconds and bytes into base64, nested too', () => {
    const record = lambdaStreamRecord({
      eventID: 'e1',
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-central-1',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-12-07T10:00:00.900Z'),
        Keys: { pk: { S: 'A' }, sk: { S: 'B' } },
        NewImage: {
          pk: { S: 'A' },
          n: { N: '4' },
          blob: { B: new Uint8Array([1, 2, 255]) },
          nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { BS: [new Uint8Array([0])] }] } } },
          tags: { SS: ['x', 'y'] },
        },
        SequenceNumber: '42',
        SizeBytes: 10,
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(record).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-central-1',
      dynamodb: {
        ApproximateCreationDateTime: 1796637600,
        Keys: { pk: { S: 'A' }, sk: { S: 'B' } },
        NewImage: {
          pk: { S: 'A' },
          n: { N: '4' },
          blob: { B: 'AQL/' },
          nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { BS: ['AA=='] }] } } },
          tags: { SS: ['x', 'y'] },
        },
        SequenceNumber: '42',
        SizeBytes: 10,
        StreamViewType: 'NEW_IMAGE',
      },
    });
  });

  it('passes on a value without a member (an empty map, as the SDK gives it) as an empty map', () => {
    expect(lambdaStreamRecord({ dynamodb: { NewImage: { contact: {} as { S: string } } } })).toEqual({
      dynamodb: { NewImage: { contact: { M: {} } } },
    });
  });

  it('refuses an attribute value it does not know rather than dropping it', () => {
    expect(() => lambdaStreamRecord({ dynamodb: { NewImage: { odd: { $unknown: ['X', 1] } } } })).toThrow(
      /unknown attribute value/,
    );
  });
});
