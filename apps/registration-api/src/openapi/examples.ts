/**
 * Examples of the OpenAPI document (docs/openapi.json), each a real request of the story in
 * test/support/openapi-scenario.ts or the real app's answer to it (clock pinned at 2025-03-20T10:20:00Z,
 * event ids fixed). Generated: test/openapi.e2e-spec.ts fails when the app answers otherwise;
 * rewrite this file with `UPDATE_OPENAPI_EXAMPLES=1 npx jest test/openapi.e2e-spec.ts`, then `npm run openapi`.
 */

/** Request bodies (docs/examples, and a backdated IF-031 built from one). */
export const EXAMPLE_REQUESTS = {
  "mpanCreation": [
    {
      "payload": {
        "CommonBlock": {
          "S0": {
            "interfaceID": "REGS-LDSO",
            "schemaVersion": "011",
            "eventCode": "[MPANCreation]"
          },
          "S1": {
            "environmentTag": "DEV",
            "subText": null,
            "senderUniqueReference": "S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
            "senderTimestamp": "2025-03-20T10:15:00+00:00",
            "senderDIPID": "3000000019",
            "senderRoleID": "LDSO",
            "senderCorrelationID": null,
            "DIPConnectionProviderID": null
          },
          "A0": {
            "primaryRecipients": [
              "9000000002"
            ],
            "secondaryRecipients": [],
            "always": []
          },
          "M0": {
            "MPANCore": "1900012374324",
            "distributorDIPID": "3000000019",
            "GSPGroupID": "_J"
          }
        },
        "CustomBlock": {
          "B001": {
            "GSPGroupEffectiveFromDate": "2025-04-01T00:00:00+01:00"
          },
          "B022": {
            "meteringPointPostcode": "TN1 1AA",
            "addressLine1": "Flat 2",
            "addressLine2": "14 Mount Pleasant Road",
            "addressLine3": "Tunbridge Wells",
            "addressLine4": null,
            "addressLine5": null,
            "addressLine6": null,
            "addressLine7": null,
            "addressLine8": null,
            "addressLine9": null
          },
          "B023": {
            "connectionTypeIndicator": "W",
            "connectionTypeEffectiveFromDate": "2025-04-01T00:00:00+01:00",
            "energyDirection": "I",
            "meteredIndicator": true
          },
          "B024": {
            "DUOSTariffID": "801",
            "DUOSTariffIDEffectiveFromDate": "2025-04-01T00:00:00+01:00"
          },
          "B025": {
            "energisationStatus": "D",
            "energisationStatusEffectiveFromDate": "2025-04-01T00:00:00+01:00"
          },
          "B026": {
            "marketSegmentIndicator": "S",
            "marketSegmentIndicatorEffectiveFromDate": "2025-04-01T00:00:00+01:00"
          },
          "B079": {
            "RMPStatus": "C",
            "RMPStatusEffectiveFromDate": "2025-04-01T00:00:00+01:00",
            "MPStatus": "N",
            "MPStatusEffectiveFromDate": "2025-04-01T00:00:00+01:00"
          }
        }
      }
    }
  ],
  "initialRegistration": [
    {
      "payload": {
        "CommonBlock": {
          "S0": {
            "interfaceID": "REGS-CSS",
            "schemaVersion": "011",
            "eventCode": "[InitialRegistration]"
          },
          "S1": {
            "environmentTag": "DEV",
            "subText": null,
            "senderUniqueReference": "S-IF-001-9000000001-CSS-20250320-InitialRegistration0001",
            "senderTimestamp": "2025-03-20T10:15:00+00:00",
            "senderDIPID": "9000000001",
            "senderRoleID": "CSS",
            "senderCorrelationID": null,
            "DIPConnectionProviderID": null
          },
          "A0": {
            "primaryRecipients": [
              "9000000002"
            ],
            "secondaryRecipients": [],
            "always": []
          },
          "M0": {
            "MPANCore": "1900012374324",
            "distributorDIPID": "3000000019",
            "GSPGroupID": "_J"
          }
        },
        "CustomBlock": {
          "B013": {
            "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
          },
          "B002": {
            "incomingSupplierDIPID": "1000000001",
            "incomingSupplierMPID": "BRWE",
            "supplierEffectiveFromDate": "2025-04-02T00:00:00+01:00"
          },
          "B004": {
            "domesticPremiseIndicator": true,
            "domesticPremiseIndicatorEffectiveFromDate": "2025-04-02T00:00:00+01:00"
          }
        }
      }
    }
  ],
  "if031MsApp": [
    {
      "payload": {
        "CommonBlock": {
          "S0": {
            "interfaceID": "IF-031",
            "schemaVersion": "011",
            "eventCode": "[MSApp]"
          },
          "S1": {
            "environmentTag": "DEV",
            "subText": null,
            "senderUniqueReference": "S-IF-031-1000000001-SUP-20250320-MSApp0001",
            "senderTimestamp": "2025-03-20T10:15:00+00:00",
            "senderDIPID": "1000000001",
            "senderRoleID": "SUP",
            "senderCorrelationID": null,
            "DIPConnectionProviderID": null
          },
          "A0": {
            "primaryRecipients": [
              "9000000002"
            ],
            "secondaryRecipients": [],
            "always": []
          },
          "M0": {
            "MPANCore": "1900012374324",
            "distributorDIPID": "3000000019",
            "GSPGroupID": "_J"
          }
        },
        "CustomBlock": {
          "B013": {
            "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
          },
          "B070": {
            "proposedMeteringServiceDIPID": "2000000001",
            "proposedMeteringServiceMPID": "MSSA",
            "proposedMeteringServiceDIPEffectiveFromDate": "2025-04-02T00:00:00+01:00",
            "contractReferenceMeteringService": "BRWE-MSSA-0001",
            "appointmentScenario": "COS"
          }
        }
      }
    }
  ],
  "if031Backdated": [
    {
      "payload": {
        "CommonBlock": {
          "S0": {
            "interfaceID": "IF-031",
            "schemaVersion": "011",
            "eventCode": "[MSApp]"
          },
          "S1": {
            "environmentTag": "DEV",
            "subText": null,
            "senderUniqueReference": "S-IF-031-1000000001-SUP-20250320-MSApp0002",
            "senderTimestamp": "2025-03-20T10:15:00+00:00",
            "senderDIPID": "1000000001",
            "senderRoleID": "SUP",
            "senderCorrelationID": null,
            "DIPConnectionProviderID": null
          },
          "A0": {
            "primaryRecipients": [
              "9000000002"
            ],
            "secondaryRecipients": [],
            "always": []
          },
          "M0": {
            "MPANCore": "1900012374324",
            "distributorDIPID": "3000000019",
            "GSPGroupID": "_J"
          }
        },
        "CustomBlock": {
          "B013": {
            "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
          },
          "B070": {
            "proposedMeteringServiceDIPID": "2000000001",
            "proposedMeteringServiceMPID": "MSSA",
            "proposedMeteringServiceDIPEffectiveFromDate": "2025-03-01T00:00:00+00:00",
            "contractReferenceMeteringService": "BRWE-MSSA-0001",
            "appointmentScenario": "COS"
          }
        }
      }
    }
  ],
  "if034MsAppSpResponse": [
    {
      "payload": {
        "CommonBlock": {
          "S0": {
            "interfaceID": "IF-034",
            "schemaVersion": "011",
            "eventCode": "[MSAppSPResponse]"
          },
          "S1": {
            "environmentTag": "DEV",
            "subText": null,
            "senderUniqueReference": "S-IF-034-2000000001-MSS-20250320-MSAppSPResponse0001",
            "senderTimestamp": "2025-03-20T10:15:00+00:00",
            "senderDIPID": "2000000001",
            "senderRoleID": "MSS",
            "senderCorrelationID": null,
            "DIPConnectionProviderID": null
          },
          "A0": {
            "primaryRecipients": [
              "9000000002"
            ],
            "secondaryRecipients": [],
            "always": []
          },
          "M0": {
            "MPANCore": "1900012374324",
            "distributorDIPID": "3000000019",
            "GSPGroupID": "_J"
          }
        },
        "CustomBlock": {
          "B007": {
            "responseCode": "A",
            "proposedAppointmentResponseCode": "SP000 - Proposed Appointment ACCEPTED"
          },
          "B012": {
            "serviceProviderAppointmentRequestingSupplierDIPID": "1000000001",
            "serviceProviderAppointmentRequestingSupplierMPID": "BRWE"
          },
          "B013": {
            "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
          },
          "B070": {
            "proposedMeteringServiceDIPID": "2000000001",
            "proposedMeteringServiceMPID": "MSSA",
            "proposedMeteringServiceDIPEffectiveFromDate": "2025-04-02T00:00:00+01:00",
            "contractReferenceMeteringService": "BRWE-MSSA-0001",
            "appointmentScenario": "COS"
          }
        }
      }
    }
  ]
} as const;

/** Answers by name: HTTP status and body. */
export const EXAMPLE_ANSWERS = {
  "mpanCreation": {
    "status": 201,
    "body": {
      "messageArray": [
        {
          "transactionID": "T-REGS-LDSO-3000000019-LDSO-20250320-3d2b3f84c50d032b",
          "senderUniqueReference": "S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
          "correlationID": "CI-20250320-0ca3cdd2874d5e964b63b8c6134d3f62",
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": "3000000019",
          "DIPConnectionProviderID": null,
          "serviceTicketURL": null,
          "message": "MSG0000 - Success",
          "help": null,
          "outcome": {
            "responseCode": "A",
            "responseMessages": [],
            "duplicate": false,
            "mpanCore": "1900012374324",
            "streamName": "mpan-1900012374324",
            "streamRevision": "1",
            "position": "3",
            "eventTypes": [
              "MpanCreated",
              "PublicationIssued"
            ],
            "receivedAt": "2025-03-20T10:20:00.000Z"
          }
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "initialRegistration": {
    "status": 201,
    "body": {
      "messageArray": [
        {
          "transactionID": "T-REGS-CSS-9000000001-CSS-20250320-baf76d0561e5943f",
          "senderUniqueReference": "S-IF-001-9000000001-CSS-20250320-InitialRegistration0001",
          "correlationID": "CI-20250320-1baa4ebe40cc1edf3d51207da15d6078",
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": "9000000001",
          "DIPConnectionProviderID": null,
          "serviceTicketURL": null,
          "message": "MSG0000 - Success",
          "help": null,
          "outcome": {
            "responseCode": "A",
            "responseMessages": [],
            "duplicate": false,
            "mpanCore": "1900012374324",
            "streamName": "mpan-1900012374324",
            "streamRevision": "3",
            "position": "7",
            "eventTypes": [
              "SupplierRegistered",
              "PublicationIssued"
            ],
            "receivedAt": "2025-03-20T10:20:00.000Z"
          }
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "if031Accepted": {
    "status": 201,
    "body": {
      "messageArray": [
        {
          "transactionID": "T-IF-031-1000000001-SUP-20250320-9662995335c0965f",
          "senderUniqueReference": "S-IF-031-1000000001-SUP-20250320-MSApp0001",
          "correlationID": "CI-20250320-636c04bb284fb1527d1f6d472bff6458",
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": "1000000001",
          "DIPConnectionProviderID": null,
          "serviceTicketURL": null,
          "message": "MSG0000 - Success",
          "help": null,
          "outcome": {
            "responseCode": "A",
            "responseMessages": [],
            "duplicate": false,
            "mpanCore": "1900012374324",
            "streamName": "mpan-1900012374324",
            "streamRevision": "6",
            "position": "12",
            "eventTypes": [
              "ServiceAppointmentRequested",
              "PublicationIssued",
              "PublicationIssued"
            ],
            "receivedAt": "2025-03-20T10:20:00.000Z"
          }
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "if031Rejected": {
    "status": 201,
    "body": {
      "messageArray": [
        {
          "transactionID": "T-IF-031-1000000001-SUP-20250320-4cebf57c4073d5dd",
          "senderUniqueReference": "S-IF-031-1000000001-SUP-20250320-MSApp0002",
          "correlationID": "CI-20250320-c0e62b6bfad2e1a3c7d56f8eed91e013",
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": "1000000001",
          "DIPConnectionProviderID": null,
          "serviceTicketURL": null,
          "message": "MSG0000 - Success",
          "help": null,
          "outcome": {
            "responseCode": "R",
            "responseMessages": [
              {
                "code": "REG1034",
                "rule": "GainingSupplierBackdated",
                "message": "MS effective-from date 2025-03-01 is before today 2025-03-20: a gaining supplier's appointment cannot be backdated"
              },
              {
                "code": "LOC012",
                "rule": "EffectiveFromBeforeMpanEffectiveFrom",
                "message": "MS effective-from date 2025-03-01 is before the MPAN's effective-from date 2025-04-01"
              },
              {
                "code": "REG1032",
                "rule": "CosEffectiveFromNotSupplyStart",
                "message": "COS MS effective-from date 2025-03-01 is not 2025-04-02, the supply start date of CSS registration a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
              },
              {
                "code": "REG1019",
                "rule": "EffectiveFromOutsideSupplyPeriod",
                "message": "MS effective-from date 2025-03-01 is not in a period of supply of 1000000001 (BRWE): no supplier is registered on 2025-03-01"
              },
              {
                "code": "REG1031",
                "rule": "ProviderIncompatibleWithSegment",
                "message": "MPAN 1900012374324 has no market segment on 2025-03-01, so no MS role fits it"
              }
            ],
            "duplicate": false,
            "mpanCore": "1900012374324",
            "streamName": "mpan-1900012374324",
            "streamRevision": "6",
            "position": "15",
            "eventTypes": [],
            "receivedAt": "2025-03-20T10:20:00.000Z"
          }
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "schemaFailure": {
    "status": 207,
    "body": {
      "messageArray": [
        {
          "transactionID": null,
          "senderUniqueReference": null,
          "correlationID": null,
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": null,
          "DIPConnectionProviderID": null,
          "message": "MSG1001 - Schema Failure",
          "help": "3 schema error(s); nothing was stored: payload.CommonBlock.S0: is required; payload.CommonBlock.S1: is required; payload.CommonBlock.M0: is required",
          "serviceTicketURL": null,
          "outcome": null,
          "errors": [
            {
              "path": "payload.CommonBlock.S0",
              "message": "is required"
            },
            {
              "path": "payload.CommonBlock.S1",
              "message": "is required"
            },
            {
              "path": "payload.CommonBlock.M0",
              "message": "is required"
            }
          ]
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "if034Accepted": {
    "status": 201,
    "body": {
      "messageArray": [
        {
          "transactionID": "T-IF-034-2000000001-MSS-20250320-6fa0159882f412ec",
          "senderUniqueReference": "S-IF-034-2000000001-MSS-20250320-MSAppSPResponse0001",
          "correlationID": "CI-20250320-8f11314b3c2e2a07277bcedc7e93d611",
          "sentTimestamp": "2025-03-20T10:20:00+00:00",
          "senderID": "9000000002",
          "recipientID": "2000000001",
          "DIPConnectionProviderID": null,
          "serviceTicketURL": null,
          "message": "MSG0000 - Success",
          "help": null,
          "outcome": {
            "responseCode": "A",
            "responseMessages": [],
            "duplicate": false,
            "mpanCore": "1900012374324",
            "streamName": "mpan-1900012374324",
            "streamRevision": "8",
            "position": "18",
            "eventTypes": [
              "ServiceAppointmentAccepted",
              "PublicationIssued"
            ],
            "receivedAt": "2025-03-20T10:20:00.000Z"
          }
        }
      ],
      "timestamp": "2025-03-20T10:20:00+00:00"
    }
  },
  "feedPage": {
    "status": 200,
    "body": {
      "recipient": "1000000001",
      "eventCodes": null,
      "after": 0,
      "items": [
        {
          "sequence": 1,
          "publicationId": "PUB-001",
          "transactionId": "T-IF-001-9000000002-REGS-20250320-beae42addc9775c7",
          "interfaceId": "IF-001",
          "eventCode": "[InitialRegistration]",
          "mpanCore": "1900012374324",
          "kind": "publication",
          "format": "egress",
          "schema": "IF-001-InitialRegistration",
          "sourcePosition": "7",
          "recordedAt": "2025-03-20T10:20:00.000Z",
          "message": {
            "CommonBlock": {
              "S0": {
                "interfaceID": "IF-001",
                "schemaVersion": "011",
                "eventCode": "[InitialRegistration]"
              },
              "S1": {
                "environmentTag": "PRD",
                "subText": null,
                "senderUniqueReference": "S-IF-001-9000000002-REGS-20250320-p7i0",
                "senderTimestamp": "2025-03-20T10:20:00+00:00",
                "senderDIPID": "9000000002",
                "senderRoleID": "REGS",
                "senderCorrelationID": "CI-20250320-1baa4ebe40cc1edf3d51207da15d6078",
                "DIPConnectionProviderID": "9000000002"
              },
              "D0": {
                "transactionID": "T-IF-001-9000000002-REGS-20250320-beae42addc9775c7",
                "transactionTimestamp": "2025-03-20T10:20:00+00:00",
                "publicationID": "PUB-001",
                "initialCorrelationID": "CI-20250320-1baa4ebe40cc1edf3d51207da15d6078",
                "replayIndicator": false,
                "serviceTicketURL": null
              },
              "M0": {
                "MPANCore": "1900012374324",
                "distributorDIPID": "3000000019",
                "GSPGroupID": "_J"
              }
            },
            "CustomBlock": {
              "B013": {
                "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
              },
              "B002": {
                "incomingSupplierDIPID": "1000000001",
                "incomingSupplierMPID": "BRWE",
                "supplierEffectiveFromDate": "2025-04-02T00:00:00+01:00"
              },
              "B004": {
                "domesticPremiseIndicator": true,
                "domesticPremiseIndicatorEffectiveFromDate": "2025-04-02T00:00:00+01:00"
              },
              "B022": {
                "meteringPointPostcode": "TN1 1AA",
                "addressLine1": "Flat 2",
                "addressLine2": "14 Mount Pleasant Road",
                "addressLine3": "Tunbridge Wells",
                "addressLine4": null,
                "addressLine5": null,
                "addressLine6": null,
                "addressLine7": null,
                "addressLine8": null,
                "addressLine9": null
              },
              "B023": {
                "connectionTypeIndicator": "W",
                "connectionTypeEffectiveFromDate": "2025-04-01T00:00:00+01:00",
                "energyDirection": "I",
                "meteredIndicator": true
              },
              "B024": {
                "DUOSTariffID": "801",
                "DUOSTariffIDEffectiveFromDate": "2025-04-01T00:00:00+01:00"
              },
              "B025": {
                "energisationStatus": "D",
                "energisationStatusEffectiveFromDate": "2025-04-01T00:00:00+01:00"
              },
              "B026": {
                "marketSegmentIndicator": "S",
                "marketSegmentIndicatorEffectiveFromDate": "2025-04-01T00:00:00+01:00"
              }
            }
          }
        },
        {
          "sequence": 2,
          "publicationId": "PUB-032",
          "transactionId": "T-IF-032-9000000002-REGS-20250320-611536165d9d6901",
          "interfaceId": "IF-032",
          "eventCode": "[MSAppInitialResp]",
          "mpanCore": "1900012374324",
          "kind": "publication",
          "format": "egress",
          "schema": "IF-032-MSAppInitialResp",
          "sourcePosition": "11",
          "recordedAt": "2025-03-20T10:20:00.000Z",
          "message": {
            "CommonBlock": {
              "S0": {
                "interfaceID": "IF-032",
                "schemaVersion": "011",
                "eventCode": "[MSAppInitialResp]"
              },
              "S1": {
                "environmentTag": "PRD",
                "subText": null,
                "senderUniqueReference": "S-IF-032-9000000002-REGS-20250320-p11i0",
                "senderTimestamp": "2025-03-20T10:20:00+00:00",
                "senderDIPID": "9000000002",
                "senderRoleID": "REGS",
                "senderCorrelationID": "CI-20250320-636c04bb284fb1527d1f6d472bff6458",
                "DIPConnectionProviderID": "9000000002"
              },
              "D0": {
                "transactionID": "T-IF-032-9000000002-REGS-20250320-611536165d9d6901",
                "transactionTimestamp": "2025-03-20T10:20:00+00:00",
                "publicationID": "PUB-032",
                "initialCorrelationID": "CI-20250320-636c04bb284fb1527d1f6d472bff6458",
                "replayIndicator": false,
                "serviceTicketURL": null
              },
              "M0": {
                "MPANCore": "1900012374324",
                "distributorDIPID": "3000000019",
                "GSPGroupID": "_J"
              },
              "R0": {
                "responseCode": "A",
                "responseMessages": []
              }
            },
            "CustomBlock": {
              "B013": {
                "CSSRegistrationID": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c"
              },
              "B070": {
                "proposedMeteringServiceDIPID": "2000000001",
                "proposedMeteringServiceMPID": "MSSA",
                "proposedMeteringServiceDIPEffectiveFromDate": "2025-04-02T00:00:00+01:00",
                "contractReferenceMeteringService": "BRWE-MSSA-0001",
                "appointmentScenario": "COS"
              }
            }
          }
        }
      ],
      "lastSequence": 4,
      "nextAfter": 2,
      "acknowledgedSequence": 0,
      "position": "19"
    }
  },
  "mpan": {
    "status": 200,
    "body": {
      "mpanCore": "1900012374324",
      "effectiveAt": "2025-04-02",
      "position": "19",
      "asKnownAt": "2025-03-20T10:20:00.000Z",
      "streamRevision": "8",
      "streamPosition": "18",
      "streamRecordedAt": "2025-03-20T10:20:00.000Z",
      "snapshot": {
        "mpanCore": "1900012374324",
        "distributorId": "19",
        "effectiveFromDate": "2025-04-01",
        "settlementDate": "2025-04-02",
        "gspGroupId": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "_J"
        },
        "address": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": {
            "postcode": "TN1 1AA",
            "lines": [
              "Flat 2",
              "14 Mount Pleasant Road",
              "Tunbridge Wells",
              null,
              null,
              null,
              null,
              null,
              null
            ]
          }
        },
        "connectionType": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "W"
        },
        "energyDirection": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "I"
        },
        "meteredIndicator": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": true
        },
        "marketSegment": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "S"
        },
        "duosTariffId": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "801"
        },
        "energisationStatus": {
          "effectiveFromDate": "2025-04-01",
          "effectiveToDate": null,
          "value": "D"
        },
        "supplier": {
          "effectiveFromDate": "2025-04-02",
          "effectiveToDate": null,
          "value": {
            "supplierDipId": "1000000001",
            "supplierMpid": "BRWE",
            "cssRegistrationId": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c",
            "registrationKind": "InitialRegistration"
          }
        },
        "meteringService": {
          "effectiveFromDate": "2025-04-02",
          "effectiveToDate": null,
          "value": {
            "appointmentId": "1000000001:S-IF-031-1000000001-SUP-20250320-MSApp0001",
            "providerDipId": "2000000001",
            "providerMpid": "MSSA",
            "providerRole": "MSS",
            "requestingSupplierDipId": "1000000001",
            "requestingSupplierMpid": "BRWE",
            "appointmentScenario": "COS",
            "contractReference": "BRWE-MSSA-0001"
          }
        },
        "dataService": null,
        "pendingAppointments": [],
        "meters": [],
        "ihdInstallStatus": null,
        "domesticPremiseIndicator": {
          "effectiveFromDate": "2025-04-02",
          "effectiveToDate": null,
          "value": true
        },
        "disconnectionStatus": null,
        "profileClass": null,
        "ssc": null,
        "consentGranularity": null,
        "smso": null
      },
      "timelines": {
        "mpanCore": "1900012374324",
        "distributorId": "19",
        "effectiveFromDate": "2025-04-01",
        "gspGroupId": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "_J"
          }
        ],
        "address": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": {
              "postcode": "TN1 1AA",
              "lines": [
                "Flat 2",
                "14 Mount Pleasant Road",
                "Tunbridge Wells",
                null,
                null,
                null,
                null,
                null,
                null
              ]
            }
          }
        ],
        "connectionType": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "W"
          }
        ],
        "energyDirection": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "I"
          }
        ],
        "meteredIndicator": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": true
          }
        ],
        "marketSegment": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "S"
          }
        ],
        "duosTariffId": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "801"
          }
        ],
        "energisationStatus": [
          {
            "effectiveFromDate": "2025-04-01",
            "effectiveToDate": null,
            "value": "D"
          }
        ],
        "suppliers": [
          {
            "effectiveFromDate": "2025-04-02",
            "effectiveToDate": null,
            "value": {
              "supplierDipId": "1000000001",
              "supplierMpid": "BRWE",
              "cssRegistrationId": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c",
              "registrationKind": "InitialRegistration"
            }
          }
        ],
        "meteringServices": [
          {
            "effectiveFromDate": "2025-04-02",
            "effectiveToDate": null,
            "value": {
              "appointmentId": "1000000001:S-IF-031-1000000001-SUP-20250320-MSApp0001",
              "providerDipId": "2000000001",
              "providerMpid": "MSSA",
              "providerRole": "MSS",
              "requestingSupplierDipId": "1000000001",
              "requestingSupplierMpid": "BRWE",
              "appointmentScenario": "COS",
              "contractReference": "BRWE-MSSA-0001"
            }
          }
        ],
        "dataServices": [],
        "pendingAppointments": [],
        "meters": [],
        "ihdInstallStatus": [],
        "domesticPremiseIndicator": [
          {
            "effectiveFromDate": "2025-04-02",
            "effectiveToDate": null,
            "value": true
          }
        ],
        "disconnectionStatus": [],
        "profileClass": [],
        "ssc": [],
        "consentGranularity": [],
        "smso": []
      },
      "appointmentRequests": [
        {
          "appointmentId": "1000000001:S-IF-031-1000000001-SUP-20250320-MSApp0001",
          "serviceType": "MS",
          "providerRole": "MSS",
          "providerDipId": "2000000001",
          "providerMpid": "MSSA",
          "requestingSupplierDipId": "1000000001",
          "requestingSupplierMpid": "BRWE",
          "effectiveFromDate": "2025-04-02",
          "contractReference": "BRWE-MSSA-0001",
          "appointmentScenario": "COS",
          "cssRegistrationId": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c",
          "requestedOn": "2025-03-20",
          "status": "Accepted"
        }
      ]
    }
  },
  "search": {
    "status": 200,
    "body": {
      "criteria": {
        "postcode": "TN1 1AA"
      },
      "date": "2025-04-02",
      "items": [
        {
          "mpanCore": "1900012374324",
          "matches": [
            {
              "effectiveFromDate": "2025-04-01",
              "effectiveToDate": null,
              "value": {
                "postcode": "TN1 1AA",
                "lines": [
                  "Flat 2",
                  "14 Mount Pleasant Road",
                  "Tunbridge Wells",
                  null,
                  null,
                  null,
                  null,
                  null,
                  null
                ]
              }
            }
          ]
        }
      ],
      "nextCursor": null,
      "position": "19"
    }
  },
  "portfolio": {
    "status": 200,
    "body": {
      "dipId": "1000000001",
      "date": "2025-04-02",
      "role": null,
      "items": [
        {
          "mpanCore": "1900012374324",
          "roles": [
            {
              "role": "SUP",
              "effectiveFromDate": "2025-04-02",
              "effectiveToDate": null,
              "supplierMpid": "BRWE",
              "cssRegistrationId": "a3c1e2f4-0b6d-4c8e-9f7a-1d2e3f4a5b6c",
              "registrationKind": "InitialRegistration"
            }
          ]
        }
      ],
      "nextCursor": null,
      "position": "19"
    }
  },
  "events": {
    "status": 200,
    "body": {
      "mpanCore": "1900012374324",
      "events": [
        {
          "revision": "0",
          "position": "2",
          "recordedAt": "2025-03-20T10:20:00.000Z",
          "type": "MpanCreated",
          "data": {
            "mpanCore": "1900012374324",
            "distributorId": "19",
            "effectiveFromDate": "2025-04-01",
            "gspGroupId": "_J",
            "gspGroupEffectiveFromDate": "2025-04-01",
            "address": {
              "postcode": "TN1 1AA",
              "lines": [
                "Flat 2",
                "14 Mount Pleasant Road",
                "Tunbridge Wells",
                null,
                null,
                null,
                null,
                null,
                null
              ]
            },
            "connectionType": "W",
            "connectionTypeEffectiveFromDate": "2025-04-01",
            "energyDirection": "I",
            "meteredIndicator": true,
            "marketSegment": "S",
            "marketSegmentEffectiveFromDate": "2025-04-01",
            "duosTariffId": "801",
            "duosTariffIdEffectiveFromDate": "2025-04-01",
            "energisationStatus": "D",
            "energisationStatusEffectiveFromDate": "2025-04-01"
          },
          "metadata": {
            "schemaVersion": 1,
            "eventId": "00000000-0000-4000-8000-000000000000",
            "correlationId": "CI-20250320-0ca3cdd2874d5e964b63b8c6134d3f62",
            "causationId": "3000000019:S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
            "senderDipId": "3000000019",
            "senderRoleId": "LDSO",
            "channelId": "REGS-LDSO",
            "eventCode": "[MPANCreation]",
            "receivedAt": "2025-03-20T10:20:00.000Z",
            "referenceDataVersion": "sample-2025.1",
            "messageKey": "3000000019:S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
            "bodyHash": "0ca3cdd2874d5e964b63b8c6134d3f629e4c84404ee1613cb7f01e11708bfcb2"
          }
        },
        {
          "revision": "1",
          "position": "3",
          "recordedAt": "2025-03-20T10:20:00.000Z",
          "type": "PublicationIssued",
          "data": {
            "mpanCore": "1900012374324",
            "interfaceId": "IF-050",
            "eventCode": "[MPANCreation]",
            "recipients": [
              {
                "role": "EES",
                "dipId": "9000000003"
              }
            ],
            "causedByEventType": "MpanCreated",
            "appointmentId": null
          },
          "metadata": {
            "schemaVersion": 1,
            "eventId": "00000000-0000-4000-8000-000000000000",
            "correlationId": "CI-20250320-0ca3cdd2874d5e964b63b8c6134d3f62",
            "causationId": "3000000019:S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
            "senderDipId": "3000000019",
            "senderRoleId": "LDSO",
            "channelId": "REGS-LDSO",
            "eventCode": "[MPANCreation]",
            "receivedAt": "2025-03-20T10:20:00.000Z",
            "referenceDataVersion": "sample-2025.1",
            "messageKey": "3000000019:S-IF-050-3000000019-LDSO-20250320-MPANCreation0001",
            "bodyHash": "0ca3cdd2874d5e964b63b8c6134d3f629e4c84404ee1613cb7f01e11708bfcb2"
          }
        }
      ],
      "nextFromRevision": "2"
    }
  },
  "badMpanCore": {
    "status": 400,
    "body": {
      "statusCode": 400,
      "error": "Bad Request",
      "message": "MPAN core 1900012374325 fails the check digit: expected 4, got 5",
      "code": "REG0000"
    }
  },
  "unknownMpan": {
    "status": 404,
    "body": {
      "statusCode": 404,
      "error": "Not Found",
      "message": "MPAN 1900012374333 is not known to this registry",
      "code": "REG0000"
    }
  },
  "unknownChannel": {
    "status": 404,
    "body": {
      "statusCode": 404,
      "error": "Not Found",
      "message": "channel \"IF-999\" is not open on this registry; open channels: REGS-LDSO, REGS-CSS, IF-005, IF-007, IF-025, IF-031, IF-034"
    }
  },
  "notAnArray": {
    "status": 400,
    "body": {
      "statusCode": 400,
      "error": "Bad Request",
      "message": "the body must be a JSON array of DIP messages ([{ \"payload\": { \"CommonBlock\": …, \"CustomBlock\": … } }])"
    }
  },
  "live": {
    "status": 200,
    "body": {
      "status": "ok",
      "info": {},
      "error": {},
      "details": {}
    }
  },
  "ready": {
    "status": 200,
    "body": {
      "status": "ok",
      "info": {
        "eventStore": {
          "headPosition": "19",
          "status": "up"
        },
        "projections": {
          "bounds": {
            "maxEventsBehind": 10000,
            "maxSecondsBehind": 60
          },
          "lag": {
            "mpan-view": {
              "position": "19",
              "headPosition": "19",
              "eventsBehind": 0,
              "eventsBehindCapped": false,
              "secondsBehind": 0,
              "oldestUnappliedRecordedAt": null
            },
            "feed": {
              "position": "19",
              "headPosition": "19",
              "eventsBehind": 0,
              "eventsBehindCapped": false,
              "secondsBehind": 0,
              "oldestUnappliedRecordedAt": null
            }
          },
          "status": "up"
        }
      },
      "error": {},
      "details": {
        "eventStore": {
          "headPosition": "19",
          "status": "up"
        },
        "projections": {
          "bounds": {
            "maxEventsBehind": 10000,
            "maxSecondsBehind": 60
          },
          "lag": {
            "mpan-view": {
              "position": "19",
              "headPosition": "19",
              "eventsBehind": 0,
              "eventsBehindCapped": false,
              "secondsBehind": 0,
              "oldestUnappliedRecordedAt": null
            },
            "feed": {
              "position": "19",
              "headPosition": "19",
              "eventsBehind": 0,
              "eventsBehindCapped": false,
              "secondsBehind": 0,
              "oldestUnappliedRecordedAt": null
            }
          },
          "status": "up"
        }
      }
    }
  },
  "notReady": {
    "status": 503,
    "body": {
      "status": "error",
      "info": {
        "eventStore": {
          "headPosition": "21",
          "status": "up"
        }
      },
      "error": {
        "projections": {
          "message": "projection mpan-view is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s; projection feed is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s",
          "bounds": {
            "maxEventsBehind": 10000,
            "maxSecondsBehind": 60
          },
          "lag": {
            "mpan-view": {
              "position": "19",
              "headPosition": "21",
              "eventsBehind": 2,
              "eventsBehindCapped": false,
              "secondsBehind": 90,
              "oldestUnappliedRecordedAt": "2025-04-02T10:00:00.000Z"
            },
            "feed": {
              "position": "19",
              "headPosition": "21",
              "eventsBehind": 2,
              "eventsBehindCapped": false,
              "secondsBehind": 90,
              "oldestUnappliedRecordedAt": "2025-04-02T10:00:00.000Z"
            }
          },
          "status": "down"
        }
      },
      "details": {
        "eventStore": {
          "headPosition": "21",
          "status": "up"
        },
        "projections": {
          "message": "projection mpan-view is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s; projection feed is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s",
          "bounds": {
            "maxEventsBehind": 10000,
            "maxSecondsBehind": 60
          },
          "lag": {
            "mpan-view": {
              "position": "19",
              "headPosition": "21",
              "eventsBehind": 2,
              "eventsBehindCapped": false,
              "secondsBehind": 90,
              "oldestUnappliedRecordedAt": "2025-04-02T10:00:00.000Z"
            },
            "feed": {
              "position": "19",
              "headPosition": "21",
              "eventsBehind": 2,
              "eventsBehindCapped": false,
              "secondsBehind": 90,
              "oldestUnappliedRecordedAt": "2025-04-02T10:00:00.000Z"
            }
          },
          "status": "down"
        }
      },
      "message": "projections: projection mpan-view is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s; projection feed is 2 event(s) and 90 s behind the log (at position 19, head 21); the bound is 60 s"
    }
  }
} as const;
